import D2LOptimizers
import D2LSupport
import D2LTensor

/// A training run's saved state: everything ``TrainCh7`` and ``TrainConcise`` need to continue
/// bit for bit — the model's parameters, the optimizer's snapshot, the random generator, the
/// position in the run and the losses recorded so far — and what identifies the run.
///
/// A checkpoint is saved at a minibatch boundary: at the end of every epoch, and when a run is
/// interrupted. ``epoch`` and ``batch`` say where training continues: in epoch ``epoch``
/// (0-based, so also the count of complete epochs) after its first ``batch`` minibatches.
/// ``generator`` is the generator as it was when that epoch began, before its shuffle, so that a
/// resumed run draws the same order again.
///
/// Files hold a one-line header with a format version, the payload's length and its SHA-1, then
/// the payload as JSON; numbers that must come back exactly are stored as bit patterns (see
/// `ExactDoubles`). See ``read(from:)`` and ``write(to:)``.
public struct Checkpoint: Sendable, Equatable, Codable {
    /// A saved tensor: its shape and its scalars.
    public struct SavedTensor: Sendable, Equatable, Codable {
        /// The shape.
        public var shape: [Int]
        /// The scalars, row-major.
        public var scalars: ExactDoubles
    }

    /// The run the checkpoint belongs to.
    public var run: RunIdentity
    /// The epoch training continues in, 0-based: the number of complete epochs.
    public var epoch: Int
    /// Minibatches of ``epoch`` already done.
    public var batch: Int
    /// Minibatch steps done in all.
    public var stepCount: Int
    /// The generator at the start of ``epoch``, before its shuffle.
    public var generator: Xoshiro256StarStar
    /// The losses recorded so far, the first before training.
    public var losses: ExactDoubles
    /// Seconds of the last complete epoch (reported if no epoch is left to run).
    public var secondsPerEpoch: Double
    /// The model's parameters, in the model's order.
    public var parameters: [SavedTensor]
    /// The optimizer's state and configuration.
    public var optimizer: OptimizerSnapshot

    /// The minibatches in one epoch of the run.
    var batchCount: Int { (run.exampleCount + run.batchSize - 1) / run.batchSize }

    /// The losses a run records after its first `batches` minibatches of an epoch: one after
    /// every minibatch `i` (1-based) where `i · batchSize` is a multiple of 100.
    func recordsAfter(batches: Int) -> Int {
        batches / (100 / gcd(run.batchSize, 100))
    }

    /// A short name for the position, such as "epoch 2, after 40 minibatches".
    var positionDescription: String {
        if batch > 0 { return "epoch \(epoch + 1), after \(batch) minibatch\(batch == 1 ? "" : "es")" }
        return epoch == 0 ? "the start of training" : "the end of epoch \(epoch)"
    }

    /// Checks that the checkpoint is consistent with itself: counts, shapes, the position
    /// against the step count and the number of recorded losses.
    ///
    /// - Returns: A description of the first inconsistency, or `nil`.
    func inconsistency() -> String? {
        let limit = 1 << 31
        guard (1...limit).contains(run.batchSize) else { return "batch size \(run.batchSize) is out of range" }
        guard (0...limit).contains(run.exampleCount) else { return "example count \(run.exampleCount) is out of range" }
        guard ["float", "double"].contains(run.scalarType) else { return "unknown scalar type \(run.scalarType.debugDescription)" }
        guard run.scalarType == optimizer.scalarType else {
            return "the run computes in \(run.scalarType) but the optimizer state is \(optimizer.scalarType)"
        }
        guard (0...limit).contains(epoch), batch >= 0, batch < max(batchCount, 1) else {
            return "position epoch \(epoch), minibatch \(batch) is impossible with \(batchCount) minibatches per epoch"
        }
        guard stepCount == epoch * batchCount + batch else {
            return "\(stepCount) steps do not match epoch \(epoch), minibatch \(batch)"
        }
        let expectedLosses = 1 + epoch * recordsAfter(batches: batchCount) + recordsAfter(batches: batch)
        guard losses.count == expectedLosses else {
            return "it holds \(losses.count) recorded losses where its position implies \(expectedLosses)"
        }
        guard losses.allSatisfy(\.isFinite) else { return "a recorded loss is not finite" }
        guard secondsPerEpoch.isFinite, secondsPerEpoch >= 0 else { return "the epoch time \(secondsPerEpoch) is not a duration" }
        for (index, tensor) in parameters.enumerated() {
            var count = 1
            for dimension in tensor.shape {
                let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
                guard dimension >= 0, !overflow else { return "parameter \(index) has an impossible shape \(tensor.shape)" }
                count = product
            }
            guard count == tensor.scalars.count else {
                return "parameter \(index) has shape \(tensor.shape) but \(tensor.scalars.count) scalars"
            }
        }
        guard optimizer.stepCount >= 0, optimizer.skippedStepCount >= 0,
              optimizer.stepCount <= stepCount, optimizer.skippedStepCount <= stepCount - optimizer.stepCount
        else {
            return "the optimizer took \(optimizer.stepCount) steps in a run of \(stepCount)"
        }
        return nil
    }

    /// The parameters as tensors of `Scalar`, or `nil` if a value does not fit it exactly.
    func tensors<Scalar: TensorScalar>(as _: Scalar.Type) -> [Tensor<Scalar>]? {
        var tensors: [Tensor<Scalar>] = []
        for saved in parameters {
            guard let scalars = saved.scalars.exactly(as: Scalar.self),
                  let tensor = try? Tensor(shape: saved.shape, scalars: scalars)
            else { return nil }
            tensors.append(tensor)
        }
        return tensors
    }
}

private func gcd(_ a: Int, _ b: Int) -> Int {
    var (a, b) = (abs(a), abs(b))
    while b != 0 { (a, b) = (b, a % b) }
    return a
}
