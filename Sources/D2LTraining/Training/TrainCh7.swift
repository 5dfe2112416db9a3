import D2LNN
import D2LOptimizers
import D2LTensor

/// The book's `train_ch7`: linear regression `ŷ = X·w + b` written from scratch, trained on the
/// section's data with the mean squared loss `(ŷ − y)² / 2` of each minibatch.
///
/// ```swift
/// let data = try SectionData<Float>()
/// var optimizer = ScratchOptimizer<Float>(.rmsprop(learningRate: 0.01, decay: 0.9))
/// let result = try TrainCh7.run(data: data) { optimizer.update(&$0, gradients: $1) }
/// print(result.summary)
/// ```
///
/// `w` (shape `[features, 1]`) starts from normal samples with standard deviation 0.01 drawn
/// from the seed (or zeros), `b` (shape `[1]`) at 0; gradients come from `backward()`. With
/// ``Ch7Settings/hiddenLayers`` the model is a ReLU MLP, its weights drawn layer after layer.
public enum TrainCh7 {
    /// The trainer's name in checkpoints.
    static let checkpointName = "train_ch7"

    /// Trains with `update`, which changes `[w, b]` in place given their gradients.
    ///
    /// - Throws: what `update` throws, or `TensorError` for malformed data.
    public static func run<Scalar: TensorScalar>(
        data: SectionData<Scalar>, settings: Ch7Settings = Ch7Settings(),
        update: (_ parameters: inout [Tensor<Scalar>], _ gradients: [Tensor<Scalar>]) throws -> Void
    ) throws -> TrainingResult {
        try train(data: data, settings: settings, checkpoints: nil, update: update)
    }

    /// Trains with a library optimizer, saving checkpoints and resuming as `checkpointing` says.
    ///
    /// ```swift
    /// var optimizer = try Optimizer<Float>(RMSProp(learningRate: 0.01, decay: 0.9))
    /// let result = try TrainCh7.run(data: data, optimizer: &optimizer,
    ///                               checkpointing: Checkpointing(file: url, resume: true))
    /// ```
    ///
    /// - Parameters:
    ///   - data: The section's examples and labels.
    ///   - settings: Batch size, epochs, shuffling, seed and initialisation (default: the book's).
    ///   - optimizer: The optimizer; on return it holds the state at the end of the run.
    ///   - checkpointing: Where to save and whether to resume; `nil` for neither.
    /// - Throws: ``CheckpointError`` before any training for a checkpoint that cannot be
    ///   resumed from (or would be overwritten), or when saving fails; ``TrainingInterrupted``
    ///   after saving, when the stop request was made; what `optimizer.step` throws.
    public static func run<Scalar: TensorScalar>(
        data: SectionData<Scalar>, settings: Ch7Settings = Ch7Settings(), optimizer: inout Optimizer<Scalar>,
        checkpointing: Checkpointing? = nil
    ) throws -> TrainingResult {
        var working = optimizer
        defer { optimizer = working }
        let session = checkpointing.map { checkpointing in
            CheckpointSession<Scalar>(
                checkpointing: checkpointing, identity: RunIdentity(trainer: checkpointName, data: data, settings: settings),
                snapshot: { () throws(OptimizerSnapshotError) in try working.snapshot() },
                restore: { (snapshot, shapes) throws(OptimizerSnapshotError) in try working.restore(from: snapshot, parameterShapes: shapes) }
            )
        }
        return try train(data: data, settings: settings, checkpoints: session) { try working.step(&$0, gradients: $1) }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    private static func train<Scalar: TensorScalar>(
        data: SectionData<Scalar>, settings: Ch7Settings, checkpoints: CheckpointSession<Scalar>?,
        update: (_ parameters: inout [Tensor<Scalar>], _ gradients: [Tensor<Scalar>]) throws -> Void
    ) throws -> TrainingResult {
        var generator = Xoshiro256StarStar(seed: settings.seed)
        let model = Ch7Model(featureCount: data.featureCount, settings: settings)
        var parameters: [Tensor<Scalar>] = model.initialParameters(Ch7Model.weightInitializer(settings), using: &generator)
        var resumption: Ch7Loop<Scalar>.Resumption?
        if let checkpoints, let checkpoint = try checkpoints.begin(epochs: settings.epochs) {
            (resumption, generator) = try checkpoints.restore(checkpoint, parameters: &parameters)
        }
        // Evaluation has a tape of its own: each tape then records one sequence of shapes
        // over and over and keeps its storage.
        let tape = GradientTape<Scalar>()
        let evaluationTape = GradientTape<Scalar>()
        var gradients: [Tensor<Scalar>] = []
        func loss(_ recorded: RecordedVariables<Scalar>, _ features: Tensor<Scalar>, _ labels: Tensor<Scalar>) -> Variable<Scalar> {
            model.output(features, parameters: recorded).squaredLoss(labels: labels).mean()
        }
        let loop = Ch7Loop(settings: settings, data: data)
        return try loop.run(
            generator: &generator,
            resumption: resumption,
            evaluate: {
                evaluationTape.recording {
                    Double(loss(evaluationTape.parameters(parameters), data.features, data.labels).value.scalar)
                }
            },
            step: { features, labels in
                let value = tape.recording {
                    let recorded = tape.parameters(parameters)
                    let l = loss(recorded, features, labels)
                    tape.backward(from: l)
                    tape.moveGradients(of: recorded, into: &gradients)
                    return Double(l.value.scalar)
                }
                try update(&parameters, gradients)
                return value
            },
            parameters: { parameters.flatMap { $0.scalars.map(Double.init) } },
            stopRequested: { checkpoints?.stopRequested ?? false },
            save: checkpoints.map { checkpoints in { boundary in try checkpoints.save(boundary, parameters: parameters) } }
        )
    }
}
