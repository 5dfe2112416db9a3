#if MPI
import D2LTestSupport
import Foundation
import Testing

/// Runs `d2l-mpi-check` under `mpirun`, bounded in time, with its output in files (so that a rank
/// left behind holding an inherited pipe cannot block the test).
enum MPIRun {
    /// `mpirun` on `PATH`, if there is one.
    static let launcher: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent("mpirun") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// Why the multi-process checks are skipped when there is no `mpirun`.
    static let missingLauncher: Comment =
        "mpirun is not on PATH: install Open MPI (apt-get install -y libopenmpi-dev openmpi-bin) to run the multi-process checks"

    /// What a bounded run gave.
    struct Outcome {
        /// The exit status, or `nil` when the run was stopped at its time limit.
        var status: Int32?
        /// Standard output and standard error, together.
        var output: String
        /// How long the run took.
        var seconds: Double
    }

    /// Runs `program` under `mpirun -np ranks` (as root too, more ranks than cores allowed),
    /// stopping it after `timeLimit` seconds.
    static func run(
        _ program: URL, ranks: Int, arguments: [String] = [], timeLimit: Double = 60
    ) throws -> Outcome {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("output.txt")
        try Data().write(to: log)
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = launcher
        process.arguments = ["--allow-run-as-root", "--oversubscribe", "-np", "\(ranks)", program.path] + arguments
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        let start = Date()
        try process.run()
        var timedOut = false
        if finished.wait(timeout: .now() + timeLimit) == .timedOut {
            timedOut = true
            process.terminate()
            if finished.wait(timeout: .now() + 5) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
        }
        try handle.close()
        return Outcome(
            status: timedOut ? nil : process.terminationStatus,
            output: try String(contentsOf: log, encoding: .utf8),
            seconds: Date().timeIntervalSince(start)
        )
    }
}
#endif
