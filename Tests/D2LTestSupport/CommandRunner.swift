import Foundation

/// The result of running the `d2l` executable.
public struct CommandResult: Sendable {
    /// The exit status.
    public var status: Int32
    /// Everything written to standard output.
    public var standardOutput: String
    /// Everything written to standard error.
    public var standardError: String
}

/// Runs the built `d2l` executable, as a user would, with no standard input.
public enum CommandRunner {
    /// The `d2l` built with this test run: the one in the same products folder as the test
    /// code that is running (the test executable on Linux, the `.xctest` bundle on macOS),
    /// never one left in another build folder.
    public static var executable: URL {
        get throws { try executable(named: "d2l") }
    }

    /// The package's executable product `name` built with this test run: the one in the same
    /// products folder as the test code that is running (the test executable on Linux, the
    /// `.xctest` bundle on macOS), never one left in another build folder.
    public static func executable(named name: String) throws -> URL {
        let testProducts = [Bundle.main.executableURL].compactMap { $0?.resolvingSymlinksInPath() }
            + Bundle.allBundles.map(\.bundleURL).filter { $0.pathExtension == "xctest" }
        for product in testProducts {
            let candidate = product.deletingLastPathComponent().appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw ExecutableNotBuilt(name: name, searched: testProducts.map { $0.deletingLastPathComponent().path })
    }

    /// No executable of that name beside the test products: it was not built with them.
    public struct ExecutableNotBuilt: Error, CustomStringConvertible {
        /// The executable looked for.
        public var name: String
        /// The folders looked in.
        public var searched: [String]

        public var description: String {
            "no \(name) executable beside the test products (looked in \(searched.joined(separator: ", "))); "
                + "build it with the tests: swift build --build-tests"
        }
    }

    /// Runs `d2l` with `arguments` in `directory` (a new temporary folder by default).
    public static func run(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]
    ) throws -> CommandResult {
        try run(program: try executable, arguments, in: directory, environment: environment)
    }

    /// Runs `program` with `arguments` in `directory` (a new temporary folder by default).
    public static func run(
        program: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]
    ) throws -> CommandResult {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? FileManager.default.temporaryDirectory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self)
        )
    }

    /// A new empty temporary folder.
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("d2l-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
