import D2LDatasets
import D2LOptimizers
import D2LSupport
import D2LTensor
import Foundation

/// One run's checkpointing, shared by ``TrainCh7`` and ``TrainConcise``: it checks the file
/// before training, restores a resumed run, saves at boundaries and names an interruption.
struct CheckpointSession<Scalar: TensorScalar> {
    var checkpointing: Checkpointing
    var identity: RunIdentity
    /// The optimizer's snapshot now.
    var snapshot: () throws(OptimizerSnapshotError) -> OptimizerSnapshot
    /// Restores the optimizer from a snapshot, given the parameter shapes.
    var restore: (_ snapshot: OptimizerSnapshot, _ shapes: [[Int]]) throws(OptimizerSnapshotError) -> Void

    var path: String { checkpointing.file.path(percentEncoded: false) }

    /// Whether a stop has been requested.
    var stopRequested: Bool { checkpointing.stopRequest?.isRequested ?? false }

    /// Before any training: the checkpoint to resume from, checked against this run, or `nil`
    /// for a new run (whose file must not exist yet, and must be writable).
    func begin(epochs: Int) throws(CheckpointError) -> Checkpoint? {
        guard checkpointing.resume else {
            if FileManager.default.fileExists(atPath: path) { throw .alreadyExists(file: path) }
            do {
                try OutputLocation.checkFile(checkpointing.file, mayCreateFolder: false)
            } catch {
                throw .cannotWrite(error)
            }
            do {
                _ = try snapshot()
            } catch {
                throw .cannotWrite(.init(path: path, reason: error.description))
            }
            return nil
        }
        let checkpoint = try Checkpoint.read(from: checkpointing.file)
        let differences = checkpoint.run.differences(from: identity)
        guard differences.isEmpty else { throw .otherRun(file: path, differences: differences) }
        guard checkpoint.epoch < epochs || (checkpoint.epoch == epochs && checkpoint.batch == 0) else {
            throw .beyondRequestedEpochs(file: path, saved: checkpoint.positionDescription, requested: epochs)
        }
        return checkpoint
    }

    /// Puts the checkpoint's parameters into `parameters` and its state into the optimizer.
    ///
    /// - Returns: Where the loop continues, and the generator to continue with.
    func restore(
        _ checkpoint: Checkpoint, parameters: inout [Tensor<Scalar>]
    ) throws(CheckpointError) -> (resumption: Ch7Loop<Scalar>.Resumption, generator: Xoshiro256StarStar) {
        let shapes = parameters.map(\.shape)
        guard checkpoint.parameters.map(\.shape) == shapes else {
            throw .otherRun(file: path, differences: [
                "model: checkpoint parameters of shapes \(checkpoint.parameters.map(\.shape)), this run \(shapes)",
            ])
        }
        guard let restored = checkpoint.tensors(as: Scalar.self) else {
            throw .damaged(file: path, reason: "a parameter holds a value \(Scalar.typeName) cannot represent exactly")
        }
        do {
            try restore(checkpoint.optimizer, shapes)
        } catch {
            switch error {
            case let .configurationMismatch(differences):
                var shown = differences.prefix(4).map {
                    "optimizer \($0.shortPath): checkpoint \($0.snapshotValue), this run \($0.optimizerValue)"
                }
                if differences.count > 4 { shown.append("and \(differences.count - 4) more optimizer differences") }
                throw .otherRun(file: path, differences: shown)
            case let .statePrecisionMismatch(snapshot, optimizer):
                throw .otherRun(file: path, differences: ["optimizer state: checkpoint \(snapshot), this run \(optimizer)"])
            case .scalarTypeMismatch, .unencodableAlgorithm, .shardedState:
                throw .otherRun(file: path, differences: ["optimizer: \(error.description)"])
            case .unsupportedFormatVersion, .shapeMismatch, .invalidState:
                throw .damaged(file: path, reason: error.description)
            }
        }
        parameters = restored
        let resumption = Ch7Loop<Scalar>.Resumption(
            epoch: checkpoint.epoch, batch: checkpoint.batch, stepCount: checkpoint.stepCount,
            losses: checkpoint.losses.values, secondsPerEpoch: checkpoint.secondsPerEpoch
        )
        return (resumption, checkpoint.generator)
    }

    /// Saves the run at `boundary`, atomically; at an interruption, then throws
    /// ``TrainingInterrupted``.
    func save(_ boundary: Ch7Loop<Scalar>.Boundary, parameters: [Tensor<Scalar>]) throws {
        let optimizer: OptimizerSnapshot
        do {
            optimizer = try snapshot()
        } catch {
            throw CheckpointError.cannotWrite(.init(path: path, reason: error.description))
        }
        let position = boundary.resumption
        let checkpoint = Checkpoint(
            run: identity, epoch: position.epoch, batch: position.batch, stepCount: position.stepCount,
            generator: boundary.generator, losses: ExactDoubles(position.losses), secondsPerEpoch: position.secondsPerEpoch,
            parameters: parameters.map { Checkpoint.SavedTensor(shape: $0.shape, scalars: ExactDoubles(converting: $0.scalars)) },
            optimizer: optimizer
        )
        try checkpoint.write(to: checkpointing.file)
        if boundary.isInterruption {
            throw TrainingInterrupted(epoch: position.epoch, batch: position.batch, stepCount: position.stepCount, file: checkpointing.file)
        }
    }
}
