import D2LDataParallel
import D2LDistributed
import D2LNN
import D2LOptimizers
import D2LSupport
import D2LTensor
import Foundation

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
    ///   - checkpointing: Where to save one consolidated checkpoint at the end of every epoch
    ///     (see ``Checkpointing``) and whether to resume from it, at any world size: a run saved
    ///     at one world size and resumed at another gives the uninterrupted run's numbers (bit
    ///     for bit under ``GradientReduction/exact(chunkCount:)``). Its stop request, made on
    ///     any rank, stops every rank at the same minibatch boundary: before each minibatch the
    ///     ranks take the maximum of their requests (one allreduce of one number), so they all
    ///     save there and throw ``TrainingInterrupted`` together.
    /// - Throws: `DistributedError.disagreement` when ranks differ, on every rank alike;
    ///   `OptimizerError`; `DistributedError` for a failed collective; ``TrainingInterrupted``
    ///   on every rank after a stop request, once the checkpoint is saved.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func run<Scalar: TensorScalar & CommunicationScalar>(
        concise: Bool = false, algorithm: any OptimizationAlgorithm, multipliers: [Int: ParameterMultipliers] = [:],
        data: SectionData<Scalar>, settings: Ch7Settings, communicator: any Communicator, reduction: GradientReduction,
        options: [NamedValue] = [], checkpointing: Checkpointing? = nil
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
            NamedValue("checkpoint", checkpointing == nil ? "(none)" : "given"), NamedValue("resume", "\(checkpointing?.resume == true)"),
        ])
        var generator = Xoshiro256StarStar(seed: settings.seed)
        let model = Ch7Model(featureCount: data.featureCount, settings: settings)
        let initial: [Tensor<Scalar>] = model.initialParameters(Ch7Model.weightInitializer(settings), using: &generator)
        var arena = ParameterArena(initial)
        var optimizer = try Optimizer<Scalar>(algorithm)
        optimizer.multipliers = multipliers
        var parallel = try DataParallel(optimizer: optimizer, layout: arena.layout, communicator: communicator, reduction: reduction)
        let configuration = "\(algorithm); multipliers \(multipliers.sorted { $0.key < $1.key })"
        let checkpoint = checkpointing.map { ShardedCheckpoint(file: $0.file) }
        var resumption: Ch7Loop<Scalar>.Resumption?
        if let checkpointing, let checkpoint {
            if checkpointing.resume {
                (resumption, generator) = try resume(
                    from: checkpoint, identity: identity, configuration: configuration, epochs: settings.epochs,
                    arena: &arena, parallel: &parallel)
            } else if FileManager.default.fileExists(atPath: checkpoint.path) {
                throw CheckpointError.alreadyExists(file: checkpoint.path)
            }
        }
        let examples = ExampleGradients<Scalar>(model: model, concise: concise, layout: arena.layout)
        var rescaledBatchSize: Int?
        let loop = Ch7Loop(settings: settings, data: data)
        let result = try loop.run(
            generator: &generator,
            resumption: resumption,
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
            parameters: { arena.parameters.map(Double.init) },
            stopRequested: {
                var requested = [UInt64(checkpointing?.stopRequest?.isRequested == true ? 1 : 0)]
                try communicator.allreduce(&requested, .maximum)
                return requested[0] != 0
            },
            save: checkpoint.map { checkpoint in
                { boundary in
                    let position = boundary.resumption
                    let header = ShardedCheckpoint.Header(
                        formatVersion: ShardedCheckpoint.formatVersion, run: identity, configuration: configuration,
                        shapes: arena.layout.shapes,
                        slots: [StateSlots.first, .second, .third].filter(parallel.optimizer.usedStateSlots(parameterCount: arena.layout.tensorCount).contains).map(\.rawValue),
                        stepCount: parallel.optimizer.stepCount, skippedStepCount: parallel.optimizer.skippedStepCount,
                        epoch: position.epoch, batch: position.batch, trainingSteps: position.stepCount,
                        losses: ExactDoubles(position.losses), secondsPerEpoch: position.secondsPerEpoch, generator: boundary.generator)
                    try checkpoint.save(header: header, parameters: arena.parameters, state: parallel.optimizer.state, communicator: communicator)
                    if boundary.isInterruption {
                        throw TrainingInterrupted(epoch: position.epoch, batch: position.batch, stepCount: position.stepCount, file: checkpoint.file)
                    }
                }
            }
        )
        return Outcome(result: result, worldSize: communicator.size, optimizerStateBytesPerRank: parallel.optimizerStateBytes)
    }
}

extension TrainDataParallel {
    /// Restores the parameters, this rank's shard of the optimizer state and the position
    /// from `checkpoint`, after checking that it comes from this run.
    fileprivate static func resume<Scalar: TensorScalar & CommunicationScalar>(
        from checkpoint: ShardedCheckpoint, identity: RunIdentity, configuration: String, epochs: Int,
        arena: inout ParameterArena<Scalar>, parallel: inout DataParallel<Scalar>
    ) throws -> (Ch7Loop<Scalar>.Resumption, Xoshiro256StarStar) {
        let stored = try checkpoint.readHeader(scalarSize: MemoryLayout<Scalar>.size)
        let header = stored.header
        var differences = header.run.differences(from: identity)
        if header.shapes != arena.layout.shapes {
            differences.append("model: checkpoint parameters of shapes \(header.shapes), this run \(arena.layout.shapes)")
        }
        if header.configuration != configuration {
            differences.append("optimizer: checkpoint \(UntrustedText.printable(header.configuration)), this run \(configuration)")
        }
        guard differences.isEmpty else { throw CheckpointError.otherRun(file: checkpoint.path, differences: differences) }
        guard header.epoch < epochs || (header.epoch == epochs && header.batch == 0) else {
            throw CheckpointError.beyondRequestedEpochs(
                file: checkpoint.path, saved: "epoch \(header.epoch), batch \(header.batch)", requested: epochs)
        }
        let window = parallel.window
        let (parameters, slots) = try checkpoint.readNumbers(stored, window: window, as: Scalar.self)
        func slot(_ which: StateSlots) -> [Scalar] {
            header.slots.firstIndex(of: which.rawValue).map { slots[$0] } ?? []
        }
        do {
            try parallel.optimizer.restoreShard(
                stepCount: header.stepCount, skippedStepCount: header.skippedStepCount, shapes: header.shapes, window: window,
                first: slot(.first), second: slot(.second), third: slot(.third))
        } catch {
            throw CheckpointError.damaged(file: checkpoint.path, reason: error.description)
        }
        arena.parameters = parameters
        let resumption = Ch7Loop<Scalar>.Resumption(
            epoch: header.epoch, batch: header.batch, stepCount: header.trainingSteps, losses: header.losses.values,
            secondsPerEpoch: header.secondsPerEpoch)
        return (resumption, header.generator)
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
        arena.gradients.withUnsafeMutableBufferPointer { whole in
            for (index, gradient) in gradients.enumerated() {
                gradient.withUnsafeBufferPointer { values in
                    _ = UnsafeMutableBufferPointer(rebasing: whole[layout.range(ofTensor: index)]).update(fromContentsOf: values)
                }
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
