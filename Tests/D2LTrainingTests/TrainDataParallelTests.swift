import D2LDistributed
import D2LOptimizers
import D2LTestSupport
import D2LTraining
import Foundation
import Testing

/// `TrainDataParallel` in one process: the run against `TrainCh7`, and its consolidated
/// checkpoint (multi-rank runs are tested under mpirun in D2LDistributedTests).
@Suite struct TrainDataParallelTests {
    let data: SectionData<Float>
    let settings = Ch7Settings(batchSize: 7, epochs: 2, seed: 3, hiddenLayers: [6, 5])
    let algorithm = RMSProp(learningRate: 0.01, decay: 0.9, momentum: 0.5)

    init() throws {
        data = try SectionData<Float>()
    }

    @Test("one process with the default reduction is train_ch7 within Float rounding")
    func matchesTrainCh7() throws {
        var optimizer = try Optimizer<Float>(algorithm)
        let plain = try TrainCh7.run(data: data, settings: settings, optimizer: &optimizer)
        let parallel = try TrainDataParallel.run(
            algorithm: algorithm, data: data, settings: settings, communicator: LocalCommunicator(), reduction: .sum)
        #expect(abs(parallel.result.finalLoss - plain.finalLoss) <= 1e-6 * plain.finalLoss)
        #expect(parallel.worldSize == 1)
        #expect(parallel.optimizerStateBytesPerRank == (optimizer.state.first.count + optimizer.state.second.count + optimizer.state.third.count) * 4)
    }

    @Test("a checkpoint saved after one epoch resumes to the uninterrupted run, bit for bit")
    func checkpointResumes() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("run.ckpt")
        func run(epochs: Int, _ checkpointing: Checkpointing?) throws -> TrainingResult {
            var settings = settings
            settings.epochs = epochs
            return try TrainDataParallel.run(
                algorithm: algorithm, data: data, settings: settings, communicator: LocalCommunicator(), reduction: .exact,
                checkpointing: checkpointing
            ).result
        }
        let uninterrupted = try run(epochs: 2, nil)
        _ = try run(epochs: 1, Checkpointing(file: file))
        #expect(throws: CheckpointError.alreadyExists(file: file.path(percentEncoded: false))) { try run(epochs: 1, Checkpointing(file: file)) }
        let resumed = try run(epochs: 2, Checkpointing(file: file, resume: true))
        #expect(resumed.losses == uninterrupted.losses)
        #expect(resumed.parameters == uninterrupted.parameters)
    }
}
