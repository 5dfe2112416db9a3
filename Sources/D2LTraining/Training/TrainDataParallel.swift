import D2LDataParallel
import D2LDistributed
import D2LNN
import D2LOptimizers
import D2LTensor

/// `train_ch7` and `train_gluon_ch7` across the ranks of a communicator: every rank reads the
/// whole data and draws the same minibatches; a ``DataParallel`` cuts each minibatch across
/// ranks, sums the gradients and updates each rank's shard of the parameters with the
/// optimizer sharded (ZeRO stage 1).
///
/// ```swift
/// let data = try SectionData<Float>()
/// let outcome = try TrainDataParallel.run(
///     algorithm: RMSProp(learningRate: 0.01, decay: 0.9), data: data,
///     settings: Ch7Settings(hiddenLayers: [256, 256]),
///     communicator: LocalCommunicator(), reduction: .exact)
/// print(outcome.result.summary)
/// ```
///
/// The from-scratch path adds each example's `(ŷ − y)² / 2` divided by the batch size; the
/// concise path sums Gluon's L2 loss and rescales the gradient by `1 / batch size` in the
/// optimizer, as ``TrainConcise`` does. One process with ``GradientReduction/sum`` agrees with
/// ``TrainCh7`` and ``TrainConcise`` within `Float` rounding; with
/// ``GradientReduction/exact(chunkCount:)`` every world size gives the same bits.
public enum TrainDataParallel {
    /// What a data-parallel run gave, as rank 0 reports it.
    public struct Outcome: Sendable {
        /// The losses and parameters, as every rank holds them.
        public var result: TrainingResult
        /// The number of ranks.
        public var worldSize: Int
        /// The optimizer state rank 0 holds, in bytes (the largest shard).
        public var optimizerStateBytesPerRank: Int
    }

    /// Trains on every rank of `communicator`, after checking that all ranks were started alike.
    ///
    /// - Parameters:
    ///   - concise: The `train_gluon_ch7` path (Gluon's L2 loss, rescaled in the optimizer)
    ///     instead of `train_ch7`.
    ///   - options: Options every rank must agree on beyond the data and `settings` (the
    ///     optimizer's, as the command line names them); the first that differs is named.
    /// - Throws: `DistributedError.disagreement` when ranks differ, on every rank alike;
    ///   `OptimizerError`; `DistributedError` for a failed collective.
    public static func run<Scalar: TensorScalar & CommunicationScalar>(
        concise: Bool = false, algorithm: any OptimizationAlgorithm, multipliers: [Int: ParameterMultipliers] = [:],
        data: SectionData<Scalar>, settings: Ch7Settings, communicator: any Communicator, reduction: GradientReduction,
        options: [NamedValue] = []
    ) throws -> Outcome {
        let identity = RunIdentity(trainer: concise ? TrainConcise.checkpointName : TrainCh7.checkpointName, data: data, settings: settings)
        try communicator.requireAgreement(on: options + [
            NamedValue("concise", "\(concise)"), NamedValue("dtype", identity.scalarType),
            NamedValue("batch-size", "\(settings.batchSize)"), NamedValue("epochs", "\(settings.epochs)"),
            NamedValue("shuffle", "\(settings.shuffle)"), NamedValue("seed", "\(settings.seed)"),
            NamedValue("init", settings.initialization.rawValue), NamedValue("hidden", "\(settings.hiddenLayers)"),
            NamedValue("reduction", "\(reduction)"), NamedValue("algorithm", "\(algorithm)"),
            NamedValue("multipliers", "\(multipliers.sorted { $0.key < $1.key })"),
            NamedValue("data", "\(identity.exampleCount) examples, SHA-1 \(identity.dataSHA1)"),
        ])
        var generator = Xoshiro256StarStar(seed: settings.seed)
        let model = Ch7Model(featureCount: data.featureCount, settings: settings)
        let initial: [Tensor<Scalar>] = model.initialParameters(Ch7Model.weightInitializer(settings), using: &generator)
        var arena = ParameterArena(initial)
        var optimizer = try Optimizer<Scalar>(algorithm)
        optimizer.multipliers = multipliers
        var parallel = try DataParallel(optimizer: optimizer, layout: arena.layout, communicator: communicator, reduction: reduction)
        let examples = ExampleGradients<Scalar>(model: model, concise: concise, layout: arena.layout)
        var rescaledBatchSize: Int?
        let loop = Ch7Loop(settings: settings, data: data)
        let result = try loop.run(
            generator: &generator,
            evaluate: { examples.meanLoss(features: data.features, labels: data.labels, arena: arena) },
            step: { features, labels in
                let batchSize = labels.scalarCount
                if concise, rescaledBatchSize != batchSize {
                    try parallel.optimizer.updateOptions { $0.rescaleGradient = algorithm.options.rescaleGradient / Double(batchSize) }
                    rescaledBatchSize = batchSize
                }
                return try parallel.step(&arena, batchSize: batchSize) { range, arena in
                    try examples.gradient(features: features, labels: labels, rows: range, batchSize: batchSize, arena: &arena)
                }
            },
            parameters: { arena.parameters.map(Double.init) }
        )
        return Outcome(result: result, worldSize: communicator.size, optimizerStateBytesPerRank: parallel.optimizerStateBytes)
    }
}

/// The loss and gradients of a ch7 model over some rows of a minibatch, written into an arena.
private struct ExampleGradients<Scalar: TensorScalar> {
    let model: Ch7Model
    let concise: Bool
    let layout: ArenaLayout
    let tape = GradientTape<Scalar>()

    /// The mean loss over all examples with the arena's parameters.
    func meanLoss(features: Tensor<Scalar>, labels: Tensor<Scalar>, arena: ParameterArena<Scalar>) -> Double {
        tape.recording {
            let output = model.output(features, parameters: tape.parameters(tensors(arena)))
            let loss = concise ? output.l2Loss(labels: labels) : output.squaredLoss(labels: labels)
            return Double(loss.mean().value.scalar)
        }
    }

    /// Writes the gradient of `rows`' contribution into `arena.gradients` and returns their
    /// contribution to the minibatch's loss: each example's loss over `batchSize` (from
    /// scratch), or the sum of Gluon's L2 losses, whose gradient the optimizer rescales by
    /// `1 / batchSize` (concise; its loss contribution is still divided by `batchSize`).
    func gradient(
        features: Tensor<Scalar>, labels: Tensor<Scalar>, rows: Range<Int>, batchSize: Int, arena: inout ParameterArena<Scalar>
    ) throws -> Double {
        let (x, y) = (try features.rows(rows), try labels.rows(rows))
        var gradients: [Tensor<Scalar>] = []
        let loss = tape.recording {
            let recorded = tape.parameters(tensors(arena))
            let output = model.output(x, parameters: recorded)
            let summed = (concise ? output.l2Loss(labels: y) : output.squaredLoss(labels: y)).sum()
            let loss = concise ? summed : summed / Scalar(batchSize)
            tape.backward(from: loss)
            tape.moveGradients(of: recorded, into: &gradients)
            return Double(loss.value.scalar)
        }
        for (index, gradient) in gradients.enumerated() {
            let start = layout.offsets[index]
            gradient.withUnsafeBufferPointer { values in
                for (offset, value) in values.enumerated() { arena.gradients[start + offset] = value }
            }
        }
        return concise ? loss / Double(batchSize) : loss
    }

    private func tensors(_ arena: ParameterArena<Scalar>) -> [Tensor<Scalar>] {
        (0..<layout.tensorCount).map(arena.parameterTensor)
    }
}

extension Tensor {
    /// The rows `range` of a tensor whose first dimension counts examples.
    func rows(_ range: Range<Int>) throws(TensorError) -> Tensor {
        let width = shape.dropFirst().reduce(1, *)
        return try Tensor(shape: [range.count] + shape.dropFirst(), scalars: Array(scalars[(range.lowerBound * width)..<(range.upperBound * width)]))
    }
}
