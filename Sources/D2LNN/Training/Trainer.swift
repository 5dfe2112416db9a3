import D2LOptimizers
import D2LTensor

/// Gluon's `Trainer`: an optimizer created by name with Gluon's hyperparameter names and
/// semantics (the `Preset.mxnet` preset), stepped with the batch size.
///
/// ```swift
/// var trainer = try Trainer<Float>(optimizer: "rmsprop",
///                                  hyperparameters: ["learning_rate": 0.01, "gamma1": 0.9])
/// // after backward() on the summed batch loss:
/// try trainer.step(&net, gradients: gradients, batchSize: 10)
/// // between epochs, as trainer.set_learning_rate(lr):
/// try trainer.setLearningRate(0.001)
/// ```
///
/// `step(_:gradients:batchSize:)` rescales the gradients by `rescale_grad / batchSize`, as
/// Gluon does, so a loss summed over the batch trains like its mean. It updates a ``Layer``'s
/// parameters in place of the model, or an array of parameters the loop keeps.
public struct Trainer<Scalar: TensorScalar> {
    /// The optimizer and its state.
    public internal(set) var optimizer: Optimizer<Scalar>
    /// The gradient rescale the algorithm was configured with, before dividing by the batch size.
    let rescale: Double
    /// The batch size the optimizer's rescale was last set for; `nil` when it holds `rescale`.
    var rescaledBatchSize: Int?

    /// A trainer for the optimizer called `name` with Gluon-style `hyperparameters`.
    ///
    /// - Throws: `OptimizerError` for an unknown name or key, or an invalid value.
    public init(
        optimizer name: String, hyperparameters: [String: HyperparameterValue] = [:], preset: Preset = .mxnet
    ) throws(OptimizerError) {
        try self.init(OptimizerRegistry.algorithm(named: name, hyperparameters: hyperparameters, preset: preset))
    }

    /// A trainer for an algorithm configured in code, keeping its state in `statePrecision`
    /// (see `StatePrecision`).
    ///
    /// - Throws: `OptimizerError` for an invalid hyperparameter.
    public init(_ algorithm: any OptimizationAlgorithm, statePrecision: StatePrecision = .float32) throws(OptimizerError) {
        optimizer = try Optimizer(algorithm, statePrecision: statePrecision)
        rescale = algorithm.options.rescaleGradient
    }

    /// Per-parameter learning-rate and weight-decay multipliers (MXNet's `lr_mult`, `wd_mult`),
    /// by parameter index.
    public var multipliers: [Int: ParameterMultipliers] {
        get { optimizer.multipliers }
        set { optimizer.multipliers = newValue }
    }

    /// Updates `parameters` from the gradients of a loss summed over `batchSize` examples.
    ///
    /// - Throws: `OptimizerError` when the batch size is below 1 or shapes disagree.
    public mutating func step(_ parameters: inout [Tensor<Scalar>], gradients: [Tensor<Scalar>], batchSize: Int) throws(OptimizerError) {
        guard batchSize >= 1 else { throw .outOfRange(name: "batch size", value: Double(batchSize), valid: "≥ 1") }
        if batchSize != rescaledBatchSize {
            let scale = rescale / Double(batchSize)
            try optimizer.updateOptions { $0.rescaleGradient = scale }
            rescaledBatchSize = batchSize
        }
        try optimizer.step(&parameters, gradients: gradients)
    }
}
