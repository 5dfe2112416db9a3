import D2LTensor

/// Adadelta: RMSProp whose learning rate is replaced by the running RMS of past changes.
///
/// ```
/// s ← ρ · s + (1 − ρ) · g²
/// g' ← √(Δ + ε) / √(s + ε) · g
/// p ← p − η · g'
/// Δ ← ρ · Δ + (1 − ρ) · g'²
/// ```
/// The book's defaults: ρ = 0.9, ε = 10⁻⁵, η = 1 (PyTorch's default too).
public struct Adadelta: OptimizationAlgorithm, Equatable, Codable, CustomStringConvertible {
    public static let name = "adadelta"

    public var options: CommonOptions
    /// ρ in [0, 1].
    public var rho: Double
    /// ε ≥ 0.
    public var epsilon: Double

    /// Adadelta with the given hyperparameters; the defaults are the book's.
    public init(learningRate: Double = 1, rho: Double = 0.9, epsilon: Double = 1e-5, options: CommonOptions? = nil) {
        self.options = options ?? CommonOptions(learningRate: ScheduledLearningRate(learningRate))
        self.rho = rho
        self.epsilon = epsilon
    }

    public var hyperparameterSummary: String { "rho \(rho), eps \(epsilon)" }

    public var stateSlots: StateSlots { [.first, .second] }

    /// Both: the mean squares of the gradient and of the update.
    public var nonNegativeStateSlots: StateSlots { [.first, .second] }

    public func validate() throws(OptimizerError) {
        try options.validate()
        try CommonOptions.require(rho, "rho", valid: "a number in [0, 1]") { (0...1).contains($0) }
        try CommonOptions.require(epsilon, "eps", valid: "a finite number ≥ 0") { $0 >= 0 }
    }

    public func resolved<Scalar: TensorScalar>(as _: Scalar.Type) -> any ResolvedAlgorithm {
        let precision = options.precision
        func resolve(_ value: Double) -> Double { Double(precision.resolve(value, as: Scalar.self)) }
        return Resolved(rho: resolve(rho), oneMinusRho: resolve(1 - rho), epsilon: resolve(epsilon))
    }

    /// Adadelta with ρ, 1 − ρ and ε as `Scalar` holds them (kept as `Double`s, which hold every
    /// `Float` and `Double` exactly).
    public struct Resolved: ResolvedAlgorithm {
        let rho: Double
        let oneMinusRho: Double
        let epsilon: Double

        @_specialize(where Scalar == Float)
        @_specialize(where Scalar == Double)
        public func step<Scalar: TensorScalar>(
            _ context: StepContext<Scalar>, parameters: UnsafeMutableBufferPointer<Scalar>,
            gradients: UnsafeBufferPointer<Scalar>, state: StateBuffers<Scalar>
        ) {
            runKernel(context, parameters: parameters, gradients: gradients, state: state)
        }

        public func withRule<Visitor: RuleVisitor>(_ context: StepContext<Visitor.Scalar>, _ visitor: Visitor) -> Visitor.Result {
            typealias Scalar = Visitor.Scalar
            let rule = AdadeltaRule(
                learningRate: context.learningRate, rho: Scalar(rho), oneMinusRho: Scalar(oneMinusRho), epsilon: Scalar(epsilon))
            return visitor.visit(rule)
        }
    }
}
