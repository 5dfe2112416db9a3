import D2LTestSupport
import D2LTraining
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `d2l train --checkpoint FILE [--resume]` end to end: resuming, Ctrl-C and a process killed
/// while it writes.
@Suite("d2l train --checkpoint: resume, Ctrl-C, killed mid-write")
struct CheckpointCommandTests {
    /// The JSON output without the timing, which is the only field a resumed run may change.
    static func withoutTiming(_ json: String) -> String {
        json.replacing(#/"sec_per_epoch": [^,]*, /#, with: "")
    }

    /// A started `d2l` process whose standard output and error go to files.
    final class Running {
        let process = Process()
        let output: URL
        let errors: URL

        init(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws {
            output = folder.appendingPathComponent("stdout-\(UUID().uuidString)")
            errors = folder.appendingPathComponent("stderr-\(UUID().uuidString)")
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
            process.executableURL = try CommandRunner.executable
            process.arguments = arguments
            process.currentDirectoryURL = folder
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            process.standardOutput = try FileHandle(forWritingTo: output)
            process.standardError = try FileHandle(forWritingTo: errors)
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }

        /// Waits for the process to end; returns its status, output and errors.
        func finish() throws -> (status: Int32, standardOutput: String, standardError: String) {
            process.waitUntilExit()
            return (
                process.terminationStatus,
                try String(contentsOf: output, encoding: .utf8),
                try String(contentsOf: errors, encoding: .utf8)
            )
        }
    }

    /// Polls until `condition` holds or `seconds` pass; says whether it held.
    static func wait(seconds: Double, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(10_000)
        }
        return condition()
    }

    @Test("a run resumed from its checkpoint prints the uninterrupted run's JSON, bit for bit", arguments: [[], ["--concise", "--dtype", "double"]])
    func resumeEqualsUninterrupted(extra: [String]) throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let common = ["train", "--format", "json", "--seed", "7"] + extra
        let straight = try CommandRunner.run(common + ["--epochs", "4"], in: folder)
        #expect(straight.status == 0, "\(straight.standardError)")
        let first = try CommandRunner.run(common + ["--epochs", "2", "--checkpoint", "run.ckpt"], in: folder)
        #expect(first.status == 0, "\(first.standardError)")
        let resumed = try CommandRunner.run(common + ["--epochs", "4", "--checkpoint", "run.ckpt", "--resume"], in: folder)
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(Self.withoutTiming(resumed.standardOutput) == Self.withoutTiming(straight.standardOutput))
        #expect(Self.withoutTiming(first.standardOutput) != Self.withoutTiming(straight.standardOutput))
    }

    @Test("Ctrl-C saves a checkpoint mid-epoch and exits 130; resuming gives the uninterrupted run")
    func interrupt() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = ["train", "--format", "json", "--batch-size", "1", "--epochs", "12"]
        let checkpoint = folder.appendingPathComponent("run.ckpt")
        let running = try Running(arguments + ["--checkpoint", "run.ckpt"], in: folder)
        #expect(Self.wait(seconds: 120) { FileManager.default.fileExists(atPath: checkpoint.path) }, "no checkpoint appeared")
        running.process.interrupt()
        let interrupted = try running.finish()
        #expect(interrupted.status == 130, "\(interrupted.standardError)")
        #expect(interrupted.standardError.contains("checkpoint saved to"), "\(interrupted.standardError)")
        #expect(interrupted.standardOutput.isEmpty)
        let saved = try Checkpoint.read(from: checkpoint)
        #expect(saved.epoch < 12)

        let resumed = try CommandRunner.run(arguments + ["--checkpoint", "run.ckpt", "--resume"], in: folder)
        #expect(resumed.status == 0, "\(resumed.standardError)")
        let straight = try CommandRunner.run(arguments, in: folder)
        #expect(Self.withoutTiming(resumed.standardOutput) == Self.withoutTiming(straight.standardOutput))
    }

    @Test("a process killed while writing a checkpoint leaves the previous checkpoint intact")
    func killedMidWrite() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let checkpoint = folder.appendingPathComponent("run.ckpt")
        let first = try CommandRunner.run(["train", "--epochs", "1", "--checkpoint", "run.ckpt"], in: folder)
        #expect(first.status == 0, "\(first.standardError)")
        let before = try Data(contentsOf: checkpoint)

        // The next write pauses after half the temporary file; kill the process then.
        let running = try Running(
            ["train", "--epochs", "3", "--checkpoint", "run.ckpt", "--resume"], in: folder,
            environment: ["D2L_TEST_PAUSE_MID_WRITE": "60"]
        )
        func temporaryFiles() -> [URL] {
            ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.fileSizeKey], options: [])) ?? [])
                .filter { $0.lastPathComponent.hasPrefix(".run.ckpt.tmp-") }
        }
        let writing = Self.wait(seconds: 120) {
            temporaryFiles().contains { ((try? $0.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0) > 0 }
        }
        #expect(writing, "no checkpoint write began")
        kill(running.process.processIdentifier, SIGKILL)
        let killed = try running.finish()
        #expect(killed.status == SIGKILL && running.process.terminationReason == .uncaughtSignal)

        #expect(try Data(contentsOf: checkpoint) == before, "the previous checkpoint changed")
        #expect(try Checkpoint.read(from: checkpoint).epoch == 1)
        let partial = try #require(temporaryFiles().first)
        #expect(try Data(contentsOf: partial).count < before.count + 64)

        let resumed = try CommandRunner.run(["train", "--format", "json", "--epochs", "3", "--checkpoint", "run.ckpt", "--resume"], in: folder)
        #expect(resumed.status == 0, "\(resumed.standardError)")
        let straight = try CommandRunner.run(["train", "--format", "json", "--epochs", "3"], in: folder)
        #expect(Self.withoutTiming(resumed.standardOutput) == Self.withoutTiming(straight.standardOutput))
        // The next successful write removed the killed writer's temporary file.
        #expect(temporaryFiles().isEmpty)
    }
}
