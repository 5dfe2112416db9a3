import D2LDistributed
import D2LTestSupport
import Foundation
import Testing

@Suite("d2l-mpi-check")
struct MPICheckTests {
    let program: URL

    init() throws {
        program = try CommandRunner.executable(named: "d2l-mpi-check")
    }

    @Test("one process started without mpirun: every collective is exact")
    func singleProcess() throws {
        let result = try CommandRunner.run(program: program, [])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("world size 1 ("))
        #expect(result.standardOutput.contains("exact for lengths 0,1,2,7,1000,1003,65537"))
    }

    #if MPI
    @Test(
        "under mpirun, at 1 to 4 ranks (oversubscribed), allreduce, allgatherv, reduce-scatter, broadcast and agreement are exact for lengths that do not divide",
        .enabled(if: MPIRun.launcher != nil, MPIRun.missingLauncher),
        arguments: 1...4
    )
    func collectives(ranks: Int) throws {
        let run = try MPIRun.run(program, ranks: ranks)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("world size \(ranks) (Open MPI): allreduce, allgather, reduce-scatter, broadcast and agreement exact"))
    }

    @Test(
        "ranks started with different seeds are refused on every rank, naming seed and both values",
        .enabled(if: MPIRun.launcher != nil, MPIRun.missingLauncher)
    )
    func mismatchedOptions() throws {
        let run = try MPIRun.run(program, ranks: 3, arguments: ["--differ-on-rank", "2"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains(
            "refused: ranks were started with different options: seed is 1 on rank 2 but 0 on rank 0; start every rank with the same options"
        ))
    }

    @Test(
        "a rank killed with SIGKILL mid-run stops the job within seconds, non-zero, naming the lost rank",
        .enabled(if: MPIRun.launcher != nil, MPIRun.missingLauncher)
    )
    func lostRank() throws {
        let run = try MPIRun.run(program, ranks: 3, arguments: ["--kill-rank", "1", "--stop-after", "20"], timeLimit: 30)
        let status = try #require(run.status, "the job was still running after 30 s: \(run.output)")
        #expect(status != 0)
        #expect(run.seconds < 15, "\(run.output)")
        #expect(run.output.contains("process rank 1 with PID"), "\(run.output)")
        #expect(run.output.contains("exited on signal 9 (Killed)"), "\(run.output)")
    }

    @Test(
        "a rank that fails alone and exits non-zero (without finalizing) stops the job within seconds",
        .enabled(if: MPIRun.launcher != nil, MPIRun.missingLauncher)
    )
    func failingRank() throws {
        let run = try MPIRun.run(program, ranks: 3, arguments: ["--fail-rank", "2", "--stop-after", "5"], timeLimit: 30)
        let status = try #require(run.status, "the job was still running after 30 s: \(run.output)")
        #expect(status == 1)
        #expect(run.seconds < 15, "\(run.output)")
        #expect(run.output.contains("rank 2: failing alone with status 1"), "\(run.output)")
        #expect(run.output.contains("exited with non-zero status"), "\(run.output)")
    }
    #endif
}
