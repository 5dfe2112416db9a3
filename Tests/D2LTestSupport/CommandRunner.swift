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
    /// The `d2l` binary beside the test bundle.
    public static var executable: URL {
        executable(named: "d2l")
    }

    /// The package's executable product `name` beside the test bundle.
    public static func executable(named name: String) -> URL {
        let products = Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() } + [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
        ]
        for folder in products {
            let candidate = folder.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return Fixtures.packageRoot.appendingPathComponent(".build/debug/\(name)")
    }

    /// Runs `d2l` with `arguments` in `directory` (a new temporary folder by default).
    public static func run(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]
    ) throws -> CommandResult {
        try run(program: executable, arguments, in: directory, environment: environment)
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
