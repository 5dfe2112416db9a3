import Foundation

/// Headless Chromium, run as a program: it opens a page and prints the document as it stands
/// after the page's scripts ran (`--dump-dom`), or saves a picture of it (`--screenshot`).
public enum HeadlessChromium {
    /// The browser's program on `PATH` (`chromium`, `chromium-browser`, `google-chrome`), if any.
    public static let executable: URL? = {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in folders {
                let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
        }
        return nil
    }()

    /// Whether a browser is installed.
    public static var isInstalled: Bool { executable != nil }

    /// The document of `url` after its scripts ran.
    public static func dumpDOM(_ url: URL) throws -> String {
        try run(["--dump-dom", url.absoluteString])
    }

    /// Saves a `width` × `height` screenshot of `url` as the PNG file `file`.
    public static func screenshot(_ url: URL, to file: URL, width: Int, height: Int) throws {
        _ = try run(["--screenshot=\(file.path)", "--window-size=\(width),\(height)", "--hide-scrollbars", url.absoluteString])
    }

    /// Runs the browser headless, with a profile of its own and no network, and returns what
    /// it printed.
    private static func run(_ arguments: [String]) throws -> String {
        guard let executable else { throw CocoaError(.fileNoSuchFile) }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("d2l-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = executable
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile.path)",
            "--host-resolver-rules=MAP * ~NOTFOUND",
        ] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
