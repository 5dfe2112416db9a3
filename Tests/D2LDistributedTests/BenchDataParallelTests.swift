#if MPI
import D2LTestSupport
import Foundation
import Testing

/// `mpirun -np N d2l bench --data-parallel`: the fields it reports, not its speed.
@Suite("d2l bench --data-parallel under mpirun", .serialized)
struct BenchDataParallelTests {
    @Test(
        "JSON names the world size, rank 0's 1/N of the optimizer state and the bytes passed to collectives",
        .enabled(if: MPIRun.launcher != nil, MPIRun.missingLauncher), arguments: [1, 2, 3]
    )
    func fields(ranks: Int) throws {
        let program = try CommandRunner.executable(named: "d2l")
        let options = ["bench", "--params", "1001", "--steps", "3", "--untimed-steps", "1", "--threads", "1", "--format", "json"]
        let alone = try DataParallelTrainTests.json(try CommandRunner.run(program: program, options).standardOutput).fields
        let run = try MPIRun.run(program, ranks: ranks, arguments: options + ["--data-parallel"], timeLimit: 120)
        #expect(run.status == 0, "\(run.output)")
        let fields = try DataParallelTrainTests.json(run.output).fields
        #expect(fields["world_size"] as? Int == ranks)
        // RMSProp keeps one Float per parameter: 1001 in one process, the first ⌈1001/N⌉ on rank 0.
        let whole = try #require(alone["state_bytes_per_param"] as? Double) * 1001
        #expect(whole == 1001 * 4)
        let perRank = try #require(fields["optimizer_state_bytes_per_rank"] as? Int)
        #expect(perRank == (1001 + ranks - 1) / ranks * 4)
        // The whole gradient to the reduce-scatter, all parameters to the allgather, the loss (a
        // Double) to an allreduce.
        #expect(fields["bytes_communicated_per_step"] as? Int == 1001 * 4 * 2 + 8)
        #expect(fields["seconds_per_step"] is Double)
    }
}
#endif
