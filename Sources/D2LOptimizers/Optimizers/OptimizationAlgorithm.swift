import D2LTensor

/// An optimization algorithm's hyperparameters and how they turn into a per-element rule.
///
/// Conforming types (``RMSProp``, ``SGD``, ``Adagrad``, …) are plain values; ``Optimizer`` owns
/// the state, resolves the algorithm once to the parameters' scalar type (``resolved(as:)``)
/// and steps the result once per parameter per step.
public protocol OptimizationAlgorithm: Sendable {
    /// The registry name, e.g. `"rmsprop"`.
    static var name: String { get }

    /// The learning rate and the options every optimizer takes.
    var options: CommonOptions { get set }

    /// The state slots the algorithm keeps per element.
    var stateSlots: StateSlots { get }

    /// The state slots that never hold a negative value (a mean square, a sum of squares), kept
    /// with ``DynamicQuantizationMap/unsigned`` under 8-bit ``StatePrecision``; the others use
    /// ``DynamicQuantizationMap/signed``.
    var nonNegativeStateSlots: StateSlots { get }

    /// The algorithm's own hyperparameters and conventions, one line, for listings
    /// (`gamma 0.9, eps 1e-06 (inside), …`).
    var hyperparameterSummary: String { get }

    /// The value a state slot starts at (0 unless documented otherwise).
    func initialStateValue(for slot: StateSlots) -> Double

    /// Checks every hyperparameter; called before any work.
    func validate() throws(OptimizerError)

    /// The algorithm with its own hyperparameters converted to `Scalar` under
    /// `options.precision`.
    func resolved<Scalar: TensorScalar>(as _: Scalar.Type) -> any ResolvedAlgorithm
}

extension OptimizationAlgorithm {
    public func initialStateValue(for slot: StateSlots) -> Double { 0 }

    /// ``hyperparameterSummary`` followed by the weight decay and the hyperparameter precision.
    public var summary: String {
        let common = "weight decay \(options.weightDecay) (\(options.weightDecayMode.rawValue)), hyperparameters \(options.precision.rawValue)"
        return hyperparameterSummary.isEmpty ? common : hyperparameterSummary + ", " + common
    }
}
