import D2LTensor

/// An optimization algorithm's hyperparameters and how they turn into a per-element rule.
///
/// Conforming types (``RMSProp``, ``SGD``, ``Adagrad``, …) are plain values; ``Optimizer`` owns
/// the state and calls ``step(_:parameters:gradients:state:)`` once per parameter per step.
public protocol OptimizationAlgorithm: Sendable {
    /// The registry name, e.g. `"rmsprop"`.
    static var name: String { get }

    /// The learning rate and the options every optimizer takes.
    var options: CommonOptions { get set }

    /// The state slots the algorithm keeps per element.
    var stateSlots: StateSlots { get }

    /// The algorithm's own hyperparameters and conventions, one line, for listings
    /// (`gamma 0.9, eps 1e-06 (inside), …`).
    var hyperparameterSummary: String { get }

    /// The value a state slot starts at (0 unless documented otherwise).
    func initialStateValue(for slot: StateSlots) -> Double

    /// The hyperparameter values ``step(_:parameters:gradients:state:)`` converts with
    /// ``StepContext/resolve(_:)``; an ``Optimizer`` converts them once and keeps them while
    /// the options stay the same, instead of at every step. A value left out is still
    /// converted, only at every step.
    var resolvedHyperparameters: [Double] { get }

    /// Checks every hyperparameter; called before any work.
    func validate() throws(OptimizerError)

    /// Runs one step over one parameter's buffers.
    func step<Scalar: TensorScalar>(
        _ context: StepContext<Scalar>, parameters: UnsafeMutableBufferPointer<Scalar>,
        gradients: UnsafeBufferPointer<Scalar>, state: StateBuffers<Scalar>
    )
}

extension OptimizationAlgorithm {
    public func initialStateValue(for slot: StateSlots) -> Double { 0 }

    public var resolvedHyperparameters: [Double] { [] }

    /// ``hyperparameterSummary`` followed by the weight decay and the hyperparameter precision.
    public var summary: String {
        let common = "weight decay \(options.weightDecay) (\(options.weightDecayMode.rawValue)), hyperparameters \(options.precision.rawValue)"
        return hyperparameterSummary.isEmpty ? common : hyperparameterSummary + ", " + common
    }
}
