import Foundation

/// One GET through the system's `curl` program, run as a child process.
///
/// Running the `curl` executable instead of linking libcurl (as FoundationNetworking does)
/// keeps libcurl and its thirty-odd libraries out of every `d2l` process: they are loaded only
/// by a download, in its own process. The body goes to curl's standard output followed by a
/// trailer line, `STATUS SIZE` (curl's `--write-out`), which ``CurlOutput`` reads back.
struct CurlTransfer {
    /// The URL to get, already checked to be http(s) with a file name.
    var url: URL
    /// The URL as the user gave it, for error messages.
    var text: String
    /// Seconds to wait for a connection, and then for the next bytes, before giving up.
    var timeout: Double

    /// The body of a 200 response, complete.
    ///
    /// - Parameter environment: The variables whose `PATH` locates `curl`, and that curl runs
    ///   with (so that `http_proxy` and the like apply).
    /// - Throws: ``DownloadError/curlNotFound(url:)`` without `curl` on `PATH`, else the errors
    ///   of ``CurlOutput/body(url:timeout:)``.
    func body(environment: [String: String]) throws(DownloadError) -> Data {
        guard let executable = Self.locate(in: environment["PATH"] ?? "") else { throw .curlNotFound(url: text) }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw .transferFailed(url: text, reason: "cannot run \(executable.path): \(error.localizedDescription)")
        }
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationReason == .exit else {
            throw .transferFailed(url: text, reason: "curl was stopped by signal \(process.terminationStatus)")
        }
        let result = CurlOutput(status: process.terminationStatus, standardOutput: stdout, standardError: stderr)
        return try result.body(url: text, timeout: timeout)
    }

    /// curl's options: no `.curlrc`, errors as one line, redirects followed within http(s), the
    /// URL taken literally, the timeout applied to connecting and to any second without data.
    var arguments: [String] {
        let seconds = String(timeout)
        let idleSeconds = String(max(1, Int(timeout.rounded(.up))))
        return [
            "--disable", "--silent", "--show-error", "--location", "--globoff",
            "--proto", "=http,https", "--proto-redir", "=http,https",
            "--connect-timeout", seconds, "--speed-limit", "1", "--speed-time", idleSeconds,
            "--write-out", "\n%{http_code} %{size_download}",
            "--url", url.absoluteString,
        ]
    }

    /// The first executable file called `curl` in the folders of `path` (colon-separated, as the
    /// `PATH` variable), or `nil`.
    static func locate(in path: String) -> URL? {
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = URL(filePath: String(folder), directoryHint: .isDirectory).appending(path: "curl")
            let file = candidate.path(percentEncoded: false)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: file) {
                return candidate
            }
        }
        return nil
    }
}
