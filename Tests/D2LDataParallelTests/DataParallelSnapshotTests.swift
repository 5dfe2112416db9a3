import D2LDataParallel
import D2LDistributed
import D2LOptimizers
import Testing

/// The optimizer snapshot of a data-parallel run: refused on one rank's shard alone, whole
/// through `DataParallel.snapshot()`, and restorable at another world size.
@Suite struct DataParallelSnapshotTests {
    let problem = ShardedProblem()

    /// Trains on the batches `batches` from `parameters`, restoring `snapshot` first when given;
    /// returns the parameters, the whole snapshot and this rank's own attempt at one.
    func train(
        on communicator: any Communicator, batches: ArraySlice<[Int]>, from parameters: [Float]? = nil, restoring snapshot: OptimizerSnapshot? = nil
    ) throws -> (parameters: [Float], snapshot: OptimizerSnapshot, alone: Result<OptimizerSnapshot, OptimizerSnapshotError>) {
        var arena = try ParameterArena<Float>(shapes: ShardedProblem.shapes, repeating: 0.1)
        if let parameters { arena.parameters = parameters }
        var parallel = try DataParallel(
            optimizer: try problem.optimizer(), layout: problem.layout, communicator: communicator, reduction: .exact(chunkCount: 5))
        if let snapshot { try parallel.restore(from: snapshot) }
        for batch in batches {
            _ = try parallel.step(&arena, batchSize: batch.count) { examples, arena in
                problem.gradient(examples, batch: batch, parameters: arena.parameters, into: &arena.gradients)
            }
        }
        let optimizer = parallel.optimizer
        return (arena.parameters, try parallel.snapshot(), Result { () throws(OptimizerSnapshotError) in try optimizer.snapshot() })
    }

    @Test("one rank's optimizer refuses a snapshot of its shard with a typed error", arguments: [2, 3])
    func shardAloneIsRefused(ranks: Int) throws {
        let runs = try ThreadWorld.run(size: ranks) { try train(on: $0, batches: problem.batches[...]) }
        let elementCount = problem.layout.elementCount
        for (rank, run) in runs.enumerated() {
            let window = EvenPartition(elementCount: elementCount, partCount: ranks).range(of: rank)
            #expect(throws: OptimizerSnapshotError.shardedState(window: window, elementCount: elementCount)) { try run.alone.get() }
        }
        #expect(
            OptimizerSnapshotError.shardedState(window: 0..<13, elementCount: 25).description
                == "this optimizer holds the state of elements 0..<13 of 25 only (one rank's shard); "
                + "take the whole snapshot with DataParallel.snapshot() on every rank")
    }

    @Test("the whole snapshot at any world size is one process's, bit for bit", arguments: [2, 3, 4])
    func wholeSnapshotIsOneProcesses(ranks: Int) throws {
        let alone = try train(on: LocalCommunicator(), batches: problem.batches[...])
        let oneProcess = try alone.alone.get()
        #expect(alone.snapshot == oneProcess)
        let runs = try ThreadWorld.run(size: ranks) { try train(on: $0, batches: problem.batches[...]) }
        for run in runs { #expect(run.snapshot == oneProcess) }
    }

    @Test("a snapshot taken at 2 ranks resumes at 1, 3 and 4 to the uninterrupted run's bits", arguments: [1, 3, 4])
    func snapshotResumesAtOtherWorldSizes(ranks: Int) throws {
        let uninterrupted = try train(on: LocalCommunicator(), batches: problem.batches[...])
        let first = try ThreadWorld.run(size: 2) { try train(on: $0, batches: problem.batches[..<3]) }[0]
        let rest = problem.batches[3...]
        let resumed = try ThreadWorld.run(size: ranks) {
            try train(on: $0, batches: rest, from: first.parameters, restoring: first.snapshot)
        }
        for run in resumed {
            #expect(run.parameters == uninterrupted.parameters)
            #expect(run.snapshot == uninterrupted.snapshot)
        }
    }

    @Test("restoring a snapshot of other shapes changes nothing and says so")
    func otherShapesAreRefused() throws {
        var parallel = try DataParallel(optimizer: try problem.optimizer(), layout: problem.layout, communicator: LocalCommunicator())
        let other = try Optimizer<Float>(RMSProp()).snapshot()
        #expect(throws: OptimizerSnapshotError.self) { try parallel.restore(from: other) }
        #expect(parallel.optimizer.stepCount == 0)
    }
}
