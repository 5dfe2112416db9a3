import D2LNN
import D2LOptimizers
import D2LTensor

/// The book's `train_gluon_ch7`: a `Dense(1)` layer in a `Sequential`, Gluon's L2 loss
/// summed over each minibatch, and a `Trainer` created by name, stepped with the batch
/// size.
///
/// ```swift
/// let result = try TrainConcise.run(optimizer: "rmsprop",
///                                   hyperparameters: ["learning_rate": 0.01, "gamma1": 0.9],
///                                   data: try SectionData<Float>())
/// ```
public enum TrainConcise {
    /// Trains with the optimizer called `name` and Gluon-style `hyperparameters`.
    ///
    /// - Throws: `OptimizerError` for an unknown optimizer or invalid
    ///   hyperparameters, before any training.
    public static func run<Scalar: TensorScalar>(
        optimizer name: String, hyperparameters: [String: HyperparameterValue], preset: Preset = .mxnet,
        data: SectionData<Scalar>, settings: Ch7Settings = Ch7Settings()
    ) throws -> TrainingResult {
        try run(trainer: Trainer(optimizer: name, hyperparameters: hyperparameters, preset: preset), data: data, settings: settings)
    }

    /// The trainer's name in checkpoints.
    static let checkpointName = "train_gluon_ch7"

    /// Trains with `algorithm` and per-parameter `multipliers` (index 0: weight, 1: bias),
    /// saving checkpoints and resuming as `checkpointing` says (see ``Checkpointing``).
    ///
    /// - Throws: `OptimizerError` for invalid hyperparameters; with
    ///   checkpointing, ``CheckpointError`` and ``TrainingInterrupted`` as
    ///   ``TrainCh7/run(data:settings:optimizer:checkpointing:)`` throws them.
    public static func run<Scalar: TensorScalar>(
        algorithm: any OptimizationAlgorithm, multipliers: [Int: ParameterMultipliers] = [:],
        data: SectionData<Scalar>, settings: Ch7Settings = Ch7Settings(), checkpointing: Checkpointing? = nil
    ) throws -> TrainingResult {
        var trainer = try Trainer<Scalar>(algorithm)
        trainer.multipliers = multipliers
        return try run(trainer: trainer, data: data, settings: settings, checkpointing: checkpointing)
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    private static func run<Scalar: TensorScalar>(
        trainer: Trainer<Scalar>, data: SectionData<Scalar>, settings: Ch7Settings, checkpointing: Checkpointing? = nil
    ) throws -> TrainingResult {
        var trainer = trainer
        var generator = Xoshiro256StarStar(seed: settings.seed)
        let weightInitializer: Initializer<Scalar> = settings.initialization == .zeros ? .zeros : .normal(standardDeviation: 0.01)
        var net = Sequential<Scalar>([
            Dense(inputCount: data.featureCount, outputCount: 1, weightInitializer: weightInitializer, using: &generator),
        ])
        let session = checkpointing.map { checkpointing in
            CheckpointSession<Scalar>(
                checkpointing: checkpointing, identity: RunIdentity(trainer: checkpointName, data: data, settings: settings),
                snapshot: { () throws(OptimizerSnapshotError) in try trainer.snapshot() },
                restore: { (snapshot, shapes) throws(OptimizerSnapshotError) in try trainer.restore(from: snapshot, parameterShapes: shapes) }
            )
        }
        var resumption: Ch7Loop<Scalar>.Resumption?
        if let session, let checkpoint = try session.begin(epochs: settings.epochs) {
            var parameters = net.parameters
            (resumption, generator) = try session.restore(checkpoint, parameters: &parameters)
            net.parameters = parameters
        }
        let tape = GradientTape<Scalar>()
        let loop = Ch7Loop(settings: settings, data: data)
        return try loop.run(
            generator: &generator,
            resumption: resumption,
            evaluate: {
                tape.reset()
                return Double(net.forward(data.features, on: tape).output.l2Loss(labels: data.labels).mean().value.scalar)
            },
            step: { features, labels in
                tape.reset()
                let (output, recorded) = net.forward(features, on: tape)
                let l = output.l2Loss(labels: labels)
                tape.backward(from: l)
                var parameters = net.parameters
                try trainer.step(&parameters, gradients: recorded.map(tape.gradient(of:)), batchSize: settings.batchSize)
                net.parameters = parameters
                return Double(l.value.mean().scalar)
            },
            parameters: { net.parameters.flatMap { $0.scalars.map(Double.init) } },
            stopRequested: { session?.stopRequested ?? false },
            save: session.map { session in { boundary in try session.save(boundary, parameters: net.parameters) } }
        )
    }
}
