#if MPI
import D2LTestSupport
import Foundation
import Testing

/// `mpirun -np N d2l train --data-parallel` against one process, at 1 to 4 ranks
/// (oversubscribed).
@Suite("d2l train --data-parallel under mpirun", .serialized)
struct DataParallelTrainTests {
    let program: URL

    init() throws {
        program = try CommandRunner.executable(named: "d2l")
    }

    /// A small MLP, many options at once, a batch size that no world size divides.
    static let options = [
        "train", "--hidden", "6,5", "--epochs", "1", "--batch-size", "7", "--seed", "11", "--momentum", "0.5",
        "--clip-norm", "0.3", "--weight-decay", "0.001", "--bias-lr-mult", "2", "--lr-schedule", "step:50:0.5",
        "--format", "json",
    ]

    /// The JSON object rank 0 printed, as text, and its fields.
    static func json(_ output: String) throws -> (text: String, fields: [String: Any]) {
        let line = try #require(output.split(separator: "\n").first { $0.hasPrefix("{") }, "no JSON in: \(output)")
        let fields = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        return (String(line), fields)
    }

    /// The JSON without the fields that differ by world size or time.
    static func numbers(_ fields: [String: Any]) -> String {
        "\(fields["losses"]!) \(fields["parameters"]!)"
    }

    @Test(
        "with --exact-reduction every world size gives the bits of one process started without mpirun",
        .enabled(if: MPIRun.launcher != nil, MPIRun.missingLauncher), arguments: 1...4
    )
    func exactReduction(ranks: Int) throws {
        let alone = try CommandRunner.run(program: program, Self.options + ["--exact-reduction"])
        #expect(alone.status == 0, "\(alone.standardError)")
        let reference = try Self.json(alone.standardOutput).fields
        let run = try MPIRun.run(program, ranks: ranks, arguments: Self.options + ["--data-parallel", "--exact-reduction"], timeLimit: 240)
        #expect(run.status == 0, "\(run.output)")
        let fields = try Self.json(run.output).fields
        #expect(Self.numbers(fields) == Self.numbers(reference))
        #expect(fields["world_size"] as? Int == ranks)
    }

    @Test(
        "the default reduction repeats bit for bit and ends within 1e-6 of one process",
        .enabled(if: MPIRun.launcher != nil, MPIRun.missingLauncher), arguments: 2...4
    )
    func defaultReduction(ranks: Int) throws {
        let alone = try CommandRunner.run(program: program, Self.options)
        #expect(alone.status == 0, "\(alone.standardError)")
        let reference = try Self.json(alone.standardOutput).fields
        let first = try MPIRun.run(program, ranks: ranks, arguments: Self.options + ["--data-parallel"], timeLimit: 240)
        let second = try MPIRun.run(program, ranks: ranks, arguments: Self.options + ["--data-parallel"], timeLimit: 240)
        #expect(first.status == 0 && second.status == 0, "\(first.output)\n\(second.output)")
        let (a, b) = (try Self.json(first.output).fields, try Self.json(second.output).fields)
        #expect(Self.numbers(a) == Self.numbers(b))
        let (loss, expected) = (try #require(a["final_loss"] as? Double), try #require(reference["final_loss"] as? Double))
        #expect(abs(loss - expected) <= 1e-6 * abs(expected), "\(loss) vs \(expected)")
    }

    @Test(
        "each rank holds 1/N of the optimizer state; more ranks than examples in a batch train too",
        .enabled(if: MPIRun.launcher != nil, MPIRun.missingLauncher)
    )
    func stateBytesAndTinyBatches() throws {
        let options = ["train", "--hidden", "40,30", "--epochs", "1", "--batch-size", "3", "--format", "json"]
        let alone = try Self.json(try CommandRunner.run(program: program, options + ["--exact-reduction"]).standardOutput).fields
        let run = try MPIRun.run(program, ranks: 4, arguments: options + ["--data-parallel", "--exact-reduction"], timeLimit: 240)
        #expect(run.status == 0, "\(run.output)")
        let fields = try Self.json(run.output).fields
        #expect(Self.numbers(fields) == Self.numbers(alone))
        let (whole, perRank) = (try #require(alone["optimizer_state_bytes_per_rank"] as? Int), try #require(fields["optimizer_state_bytes_per_rank"] as? Int))
        // 5·40 + 40 + 40·30 + 30 + 30 + 1 = 1501 Float states of 4 bytes, cut into 4 parts.
        #expect(whole == 1501 * 4)
        #expect(perRank == (1501 + 3) / 4 * 4)
    }

    @Test(
        "ranks started with different seeds are refused at start, naming seed and both values",
        .enabled(if: MPIRun.launcher != nil, MPIRun.missingLauncher)
    )
    func mismatchedSeeds() throws {
        let options = ["train", "--data-parallel", "--epochs", "1"]
        let run = try MPIRun.run(
            program, ranks: 1, arguments: options + ["--seed", "0", ":", "-np", "1", program.path] + options + ["--seed", "1"])
        #expect(run.status == 64, "\(run.output)")
        #expect(run.output.contains(
            "error: ranks were started with different options: seed is 1 on rank 1 but 0 on rank 0; start every rank with the same options"
        ), "\(run.output)")
        #expect(!run.output.contains("loss:"))
    }

    @Test(
        "ranks started with a different --lr are refused at start, naming lr and both values in one line",
        .enabled(if: MPIRun.launcher != nil, MPIRun.missingLauncher)
    )
    func mismatchedLearningRates() throws {
        let options = ["train", "--data-parallel", "--epochs", "1", "--momentum", "0.5"]
        let run = try MPIRun.run(
            program, ranks: 1, arguments: options + ["--lr", "0.01", ":", "-np", "1", program.path] + options + ["--lr", "0.02"])
        #expect(run.status == 64, "\(run.output)")
        let errors = run.output.split(separator: "\n").filter { $0.hasPrefix("error:") }
        #expect(errors == [
            "error: ranks were started with different options: lr is 0.02 on rank 1 but 0.01 on rank 0; start every rank with the same options"
        ], "\(run.output)")
    }

    @Test(
        "a rank killed with SIGKILL mid-run: the others stop within seconds, non-zero, naming the lost rank",
        .enabled(if: MPIRun.launcher != nil, MPIRun.missingLauncher)
    )
    func killedRank() throws {
        let killer = Thread {
            // Once every rank is training (a few steps in), the last-started rank is killed.
            for _ in 0..<300 where Self.trainingProcesses(marker: "50").count < 3 { Thread.sleep(forTimeInterval: 0.1) }
            Thread.sleep(forTimeInterval: 2)
            guard let victim = Self.trainingProcesses(marker: "50").sorted().last else { return }
            kill(victim, SIGKILL)
        }
        killer.start()
        let run = try MPIRun.run(
            program, ranks: 3, arguments: ["train", "--data-parallel", "--hidden", "64,64", "--epochs", "50"], timeLimit: 60)
        let status = try #require(run.status, "the job was still running after 60 s: \(run.output)")
        #expect(status != 0)
        #expect(run.output.contains("exited on signal 9 (Killed)"), "\(run.output)")
        #expect(run.output.range(of: #"process rank [0-2] with PID"#, options: .regularExpression) != nil, "\(run.output)")
    }

    /// The process ids of the `d2l train --data-parallel` processes running now with `marker`
    /// among their arguments.
    static func trainingProcesses(marker: String) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry in
            guard let pid = pid_t(entry),
                let command = try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(entry)/cmdline"))
            else { return nil }
            let arguments = command.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            guard arguments.first?.hasSuffix("/d2l") == true, arguments.contains("--data-parallel"), arguments.contains(marker) else { return nil }
            return pid
        }
    }
}
#endif

#if MPI
/// `--checkpoint` with `--data-parallel`: one consolidated file, resumed at any world size.
@Suite("d2l train --data-parallel --checkpoint under mpirun", .serialized)
struct DataParallelCheckpointTests {
    let program: URL

    init() throws {
        program = try CommandRunner.executable(named: "d2l")
    }

    static let options = [
        "train", "--hidden", "6,5", "--batch-size", "7", "--seed", "3", "--clip-norm", "0.3", "--momentum", "0.5",
        "--format", "json", "--exact-reduction",
    ]

    @Test(
        "saved at 2 ranks, resumed at 1 (without mpirun) or 3 ranks: the uninterrupted run, bit for bit",
        .enabled(if: MPIRun.launcher != nil, MPIRun.missingLauncher), arguments: [1, 3]
    )
    func resumeAtAnotherWorldSize(ranks: Int) throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("run.ckpt").path
        let full = try CommandRunner.run(program: program, Self.options + ["--epochs", "3"])
        #expect(full.status == 0, "\(full.standardError)")
        let saved = try MPIRun.run(
            program, ranks: 2, arguments: Self.options + ["--epochs", "1", "--data-parallel", "--checkpoint", file], timeLimit: 240)
        #expect(saved.status == 0, "\(saved.output)")
        #expect(!FileManager.default.fileExists(atPath: file + ".writing"))
        let resumedOutput: String
        if ranks == 1 {
            let resumed = try CommandRunner.run(program: program, Self.options + ["--epochs", "3", "--checkpoint", file, "--resume"])
            #expect(resumed.status == 0, "\(resumed.standardError)")
            resumedOutput = resumed.standardOutput
        } else {
            let resumed = try MPIRun.run(
                program, ranks: ranks,
                arguments: Self.options + ["--epochs", "3", "--data-parallel", "--checkpoint", file, "--resume"], timeLimit: 240)
            #expect(resumed.status == 0, "\(resumed.output)")
            resumedOutput = resumed.output
        }
        let expected = try DataParallelTrainTests.json(full.standardOutput).fields
        #expect(DataParallelTrainTests.numbers(try DataParallelTrainTests.json(resumedOutput).fields) == DataParallelTrainTests.numbers(expected))
    }

    @Test(
        "a rank killed while training with --checkpoint: the job stops, the last checkpoint stays intact and resumes",
        .enabled(if: MPIRun.launcher != nil, MPIRun.missingLauncher)
    )
    func killedRankLeavesCheckpoint() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("run.ckpt").path
        let options = ["train", "--data-parallel", "--exact-reduction", "--batch-size", "100", "--checkpoint", file]
        let killer = Thread {
            // Once the first checkpoint exists, a rank is killed.
            for _ in 0..<600 where !FileManager.default.fileExists(atPath: file) { Thread.sleep(forTimeInterval: 0.1) }
            guard let victim = DataParallelTrainTests.trainingProcesses(marker: file).sorted().last else { return }
            kill(victim, SIGKILL)
        }
        killer.start()
        let run = try MPIRun.run(program, ranks: 2, arguments: options + ["--epochs", "100000"], timeLimit: 90)
        let status = try #require(run.status, "the job was still running after 90 s: \(run.output)")
        #expect(status != 0)
        #expect(run.output.contains("exited on signal 9 (Killed)"), "\(run.output)")
        // The checkpoint left behind is whole: resumed for one more epoch in one process, it
        // gives the run that was never interrupted.
        let contents = try String(contentsOfFile: file, encoding: .isoLatin1)
        #expect(contents.hasPrefix("D2LSHARD"))
        try expectResumesLikeUninterruptedRun(file)
    }

    @Test(
        "SIGTERM (what mpirun sends every rank on Ctrl-C) to one rank of three with --checkpoint: all stop at one minibatch boundary and save; the file resumes to the uninterrupted run",
        .enabled(if: MPIRun.launcher != nil, MPIRun.missingLauncher)
    )
    func interruptSavesCheckpoint() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("run.ckpt").path
        let options = ["train", "--data-parallel", "--exact-reduction", "--batch-size", "100", "--checkpoint", file]
        let interrupter = Thread {
            // Once every rank is training, one of them is told to stop; the others learn it at
            // the next minibatch boundary. (Ctrl-C itself goes to mpirun, which sends SIGTERM
            // to every rank, but mpirun started from this test inherits a mask that blocks
            // SIGINT.)
            for _ in 0..<600 where DataParallelTrainTests.trainingProcesses(marker: file).count < 3 { Thread.sleep(forTimeInterval: 0.1) }
            Thread.sleep(forTimeInterval: 2)
            guard let rank = DataParallelTrainTests.trainingProcesses(marker: file).sorted().last else { return }
            kill(rank, SIGTERM)
        }
        interrupter.start()
        let run = try MPIRun.run(program, ranks: 3, arguments: options + ["--epochs", "100000"], timeLimit: 90)
        let status = try #require(run.status, "the job was still running after 90 s: \(run.output)")
        #expect(status != 0)
        let saved = run.output.split(separator: "\n").filter { $0.contains("interrupted in epoch") }
        #expect(saved.count == 1, "\(run.output)")
        #expect(saved.first?.hasSuffix("checkpoint saved to \(file); to continue, run the same command with --resume") == true, "\(run.output)")
        #expect(!FileManager.default.fileExists(atPath: file + ".writing"))
        try expectResumesLikeUninterruptedRun(file)
    }

    /// Resumes the checkpoint `file` for one more epoch in one process, and expects the result
    /// of the run that was never interrupted.
    private func expectResumesLikeUninterruptedRun(_ file: String) throws {
        let contents = try String(contentsOfFile: file, encoding: .isoLatin1)
        let match = try #require(contents.firstMatch(of: /"epoch":(\d+)/), "no epoch in the checkpoint's header")
        let epochs = ["--epochs", "\(Int(match.1)! + 1)"]
        let single = ["train", "--exact-reduction", "--batch-size", "100", "--format", "json"]
        let resumed = try CommandRunner.run(program: program, single + epochs + ["--checkpoint", file, "--resume"])
        #expect(resumed.status == 0, "\(resumed.standardError)")
        let uninterrupted = try CommandRunner.run(program: program, single + epochs)
        #expect(
            DataParallelTrainTests.numbers(try DataParallelTrainTests.json(resumed.standardOutput).fields)
                == DataParallelTrainTests.numbers(try DataParallelTrainTests.json(uninterrupted.standardOutput).fields))
    }
}
#endif
