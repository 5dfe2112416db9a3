import D2LNN
import D2LOptimizers
import D2LTensor

/// The book's `train_gluon_ch7`: a `Dense(1)` layer in a `Sequential` (with
/// ``Ch7Settings/hiddenLayers``, `Dense` layers with ReLU between them), Gluon's L2 loss
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

    /// Trains with `algorithm` and per-parameter `multipliers` (index 0: weight, 1: bias; with
    /// hidden layers, weight and bias of each layer in turn),
    /// saving checkpoints and resuming as `checkpointing` says (see ``Checkpointing``).
    ///
    /// - Throws: `OptimizerError` for invalid hyperparameters; with
    ///   checkpointing, ``CheckpointError`` and ``TrainingInterrupted`` as
    ///   ``TrainCh7/run(data:settings:optimizer:checkpointing:)`` throws them.
    public static func run<Scalar: TensorScalar>(
        algorithm: any OptimizationAlgorithm, multipliers: [Int: ParameterMultipliers] = [:],
        data: SectionData<Scalar>, settings: Ch7Settings = Ch7Settings(), checkpointing: Checkpointing? = nil,
        statePrecision: StatePrecision = .float32
    ) throws -> TrainingResult {
        var trainer = try Trainer<Scalar>(algorithm, statePrecision: statePrecision)
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
        let net: Sequential<Scalar> = Ch7Model(featureCount: data.featureCount, settings: settings)
            .network(Ch7Model.weightInitializer(settings), using: &generator)
        let session = checkpointing.map { checkpointing in
            CheckpointSession<Scalar>(
                checkpointing: checkpointing, identity: RunIdentity(trainer: checkpointName, data: data, settings: settings),
                snapshot: { () throws(OptimizerSnapshotError) in try trainer.snapshot() },
                restore: { (snapshot, shapes) throws(OptimizerSnapshotError) in try trainer.restore(from: snapshot, parameterShapes: shapes) }
            )
        }
        // The loop keeps the parameters in an array of its own and hands them to the network
        // for each forward pass, so the trainer updates them in place.
        var parameters = net.parameters
        var resumption: Ch7Loop<Scalar>.Resumption?
        if let session, let checkpoint = try session.begin(epochs: settings.epochs) {
            (resumption, generator) = try session.restore(checkpoint, parameters: &parameters)
        }
        // The network compiled (Gluon's hybridize()) when its layers allow, else recorded on a
        // tape; either way bit for bit the same numbers. Evaluation has storage of its own, so
        // each keeps one shape of batch and reuses its buffers.
        var compiledStep = CompiledNetwork(net)
        var compiledEvaluation = CompiledNetwork(net)
        let tape = GradientTape<Scalar>()
        let evaluationTape = GradientTape<Scalar>()
        var gradients: [Tensor<Scalar>] = []
        let loop = Ch7Loop(settings: settings, data: data)
        return try loop.run(
            generator: &generator,
            resumption: resumption,
            evaluate: {
                if let loss = compiledEvaluation?.meanL2Loss(features: data.features, labels: data.labels, parameters: parameters) {
                    return Double(loss)
                }
                return evaluationTape.recording {
                    let output = net.forward(data.features, parameters: parameters, on: evaluationTape).output
                    return Double(output.l2Loss(labels: data.labels).mean().value.scalar)
                }
            },
            step: { features, labels in
                let loss = compiledStep?.l2Loss(features: features, labels: labels, parameters: parameters, gradients: &gradients)
                    ?? tape.recording {
                        let (output, recorded) = net.forward(features, parameters: parameters, on: tape)
                        let l = output.l2Loss(labels: labels)
                        tape.backward(from: l)
                        tape.moveGradients(of: recorded, into: &gradients)
                        return l.value.scalarMean
                    }
                try trainer.step(&parameters, gradients: gradients, batchSize: settings.batchSize)
                return Double(loss)
            },
            parameters: { parameters.flatMap { $0.scalars.map(Double.init) } },
            stopRequested: { session?.stopRequested ?? false },
            save: session.map { session in { boundary in try session.save(boundary, parameters: parameters) } }
        )
    }
}
