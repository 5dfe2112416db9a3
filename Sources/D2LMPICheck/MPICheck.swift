import ArgumentParser
import D2LDistributed

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks the collectives of this build across the ranks started together:
/// `mpirun -np 3 d2l-mpi-check`.
@main
struct MPICheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "d2l-mpi-check",
        abstract: "Check allreduce, allgather, reduce-scatter, broadcast and agreement across the ranks.",
        discussion: """
            Run it under mpirun, e.g. `mpirun -np 3 d2l-mpi-check`. Rank 0 prints one line when \
            every result is exact; each wrong result is one line on standard error, and the exit \
            status is 1. --differ-on-rank R starts rank R with another seed and checks that every \
            rank refuses to go on, naming it. --kill-rank R makes rank R kill itself (SIGKILL) \
            during a loop of allreduces, and --fail-rank R makes it exit with status 1 on its own, \
            to see how the others stop.
            """
    )

    @Option(help: "Start this rank with seed 1 instead of 0 and check that the ranks refuse, naming seed.")
    var differOnRank: Int?

    @Option(help: "Make this rank kill itself with SIGKILL in the middle of a loop of allreduces.")
    var killRank: Int?

    @Option(help: "Make this rank exit with status 1, alone, in the middle of a loop of allreduces.")
    var failRank: Int?

    @Option(help: "With --kill-rank or --fail-rank: the allreduces completed before that rank stops.")
    var stopAfter: Int = 20

    func run() throws {
        let communicator = try World.communicator()
        if let differOnRank {
            try checkRefusal(communicator, differingRank: differOnRank)
        } else if let killRank {
            try loseRank(communicator, lost: killRank) { kill(getpid(), SIGKILL) }
        } else if let failRank {
            try loseRank(communicator, lost: failRank) {
                printError("rank \(failRank): failing alone with status 1")
                throw ExitCode.failure
            }
        } else {
            try checkCollectives(communicator)
        }
    }

    private func checkCollectives(_ communicator: any Communicator) throws {
        var checks = CollectiveChecks(communicator: communicator)
        try checks.runAll()
        for failure in checks.failures { printError(failure) }
        var failed = [UInt64(checks.failures.count)]
        try communicator.allreduce(&failed, .sum)
        if communicator.rank == 0, failed[0] == 0 {
            print("world size \(communicator.size) (\(World.engine)): allreduce, allgather, reduce-scatter, "
                + "broadcast and agreement exact for lengths \(checks.lengths.map(String.init).joined(separator: ","))")
        }
        if failed[0] > 0 { throw ExitCode.failure }
        try World.finish()
    }

    private func checkRefusal(_ communicator: any Communicator, differingRank: Int) throws {
        guard (1..<communicator.size).contains(differingRank) else {
            if communicator.rank == 0 {
                printError("--differ-on-rank \(differingRank): expected a rank in 1..<\(communicator.size), the world size")
            }
            throw ExitCode.validationFailure
        }
        let seed = communicator.rank == differingRank ? "1" : "0"
        let expected = DistributedError.disagreement(name: "seed", rank: differingRank, value: "1", referenceValue: "0")
        do {
            try communicator.requireAgreement(on: [NamedValue("lr", "0.01"), NamedValue("seed", seed)])
            printError("rank \(communicator.rank): ranks with different seeds were not refused")
            throw ExitCode.failure
        } catch let error as DistributedError where error == expected {
            if communicator.rank == 0 { print("refused: \(error)") }
        }
        try World.finish()
    }

    /// Loops over allreduces; after `stopAfter` of them, rank `lost` runs `stop`.
    private func loseRank(_ communicator: any Communicator, lost: Int, stop: () throws -> Void) throws {
        var buffer = [Float](repeating: 1, count: 100_000)
        for step in 0..<100_000 {
            if step == stopAfter, communicator.rank == lost { try stop() }
            do {
                try communicator.allreduce(&buffer, .maximum)
            } catch {
                printError("rank \(communicator.rank): step \(step): \(error)")
                throw ExitCode.failure
            }
        }
        printError("rank \(communicator.rank): 100000 allreduces finished; rank \(lost) was not lost")
        throw ExitCode(2)
    }

    private func printError(_ line: String) {
        var text = line + "\n"
        text.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
