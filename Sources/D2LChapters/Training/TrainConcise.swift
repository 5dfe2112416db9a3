import D2LNN
import D2LOptimizers
import D2LTensor

/// The book's `train_gluon_ch7`: a `Dense(1)` layer in a ``D2LNN/Sequential``, Gluon's L2 loss
/// summed over each minibatch, and a ``D2LNN/Trainer`` created by name, stepped with the batch
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
    /// - Throws: ``D2LOptimizers/OptimizerError`` for an unknown optimizer or invalid
    ///   hyperparameters, before any training.
    public static func run<Scalar: TensorScalar>(
        optimizer name: String, hyperparameters: [String: HyperparameterValue], preset: Preset = .mxnet,
        data: SectionData<Scalar>, settings: Ch7Settings = Ch7Settings()
    ) throws -> TrainingResult {
        try run(trainer: Trainer(optimizer: name, hyperparameters: hyperparameters, preset: preset), data: data, settings: settings)
    }

    /// Trains with `algorithm` and per-parameter `multipliers` (index 0: weight, 1: bias).
    public static func run<Scalar: TensorScalar>(
        algorithm: any OptimizationAlgorithm, multipliers: [Int: ParameterMultipliers] = [:],
        data: SectionData<Scalar>, settings: Ch7Settings = Ch7Settings()
    ) throws -> TrainingResult {
        var trainer = try Trainer<Scalar>(algorithm)
        trainer.multipliers = multipliers
        return try run(trainer: trainer, data: data, settings: settings)
    }

    private static func run<Scalar: TensorScalar>(
        trainer: Trainer<Scalar>, data: SectionData<Scalar>, settings: Ch7Settings
    ) throws -> TrainingResult {
        var trainer = trainer
        var generator = Xoshiro256StarStar(seed: settings.seed)
        let weightInitializer: Initializer<Scalar> = settings.initialization == .zeros ? .zeros : .normal(standardDeviation: 0.01)
        var net = Sequential<Scalar>([
            Dense(inputCount: data.featureCount, outputCount: 1, weightInitializer: weightInitializer, using: &generator),
        ])
        let tape = GradientTape<Scalar>()
        let loop = Ch7Loop(settings: settings, data: data)
        return try loop.run(
            generator: &generator,
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
            parameters: { net.parameters.flatMap { $0.scalars.map(Double.init) } }
        )
    }
}
