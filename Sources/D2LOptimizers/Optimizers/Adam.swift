import D2LTensor
import Foundation

/// Adam: momentum on the gradient and RMSProp's scaling, both with bias correction.
///
/// ```
/// m ← β₁ · m + (1 − β₁) · g
/// v ← β₂ · v + (1 − β₂) · g²
/// p ← p − η · m̂ / (√v̂ + ε),   m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ)
/// ```
/// The book's defaults: β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁶. With ``BiasCorrectionStyle/folded``
/// (MXNet, Keras) the corrections move into the step size, `η · √(1 − β₂ᵗ) / (1 − β₁ᵗ)`, and ε
/// is not corrected; see ``AdamRule``.
public struct Adam: OptimizationAlgorithm, Equatable, Codable, CustomStringConvertible {
    /// Where the bias corrections go.
    public enum BiasCorrectionStyle: String, Sendable, Codable, CaseIterable {
        /// `m̂ / (√v̂ + ε)`: the book, PyTorch, Optax.
        case corrected
        /// `η · √(1 − β₂ᵗ) / (1 − β₁ᵗ) · m / (√v + ε)`: MXNet, Keras.
        case folded
    }

    public static let name = "adam"

    public var options: CommonOptions
    /// β₁ in [0, 1).
    public var beta1: Double
    /// β₂ in [0, 1).
    public var beta2: Double
    /// ε ≥ 0.
    public var epsilon: Double
    /// Where the bias corrections go.
    public var biasCorrectionStyle: BiasCorrectionStyle

    /// Adam with the given hyperparameters; the defaults are the book's.
    public init(
        learningRate: Double = 0.01, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-6,
        biasCorrectionStyle: BiasCorrectionStyle = .corrected, options: CommonOptions? = nil
    ) {
        self.options = options ?? CommonOptions(learningRate: ScheduledLearningRate(learningRate))
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.biasCorrectionStyle = biasCorrectionStyle
    }

    public var hyperparameterSummary: String {
        "beta1 \(beta1), beta2 \(beta2), eps \(epsilon), bias correction \(biasCorrectionStyle.rawValue)"
    }

    public var stateSlots: StateSlots { [.first, .second] }

    /// The second moment `v`; the first moment `m` is signed.
    public var nonNegativeStateSlots: StateSlots { .second }

    public func validate() throws(OptimizerError) {
        try options.validate()
        try CommonOptions.require(beta1, "beta1", valid: "a number in [0, 1)") { $0 >= 0 && $0 < 1 }
        try CommonOptions.require(beta2, "beta2", valid: "a number in [0, 1)") { $0 >= 0 && $0 < 1 }
        try CommonOptions.require(epsilon, "eps", valid: "a finite number ≥ 0") { $0 >= 0 }
    }

    public func resolved<Scalar: TensorScalar>(as _: Scalar.Type) -> any ResolvedAlgorithm {
        let precision = options.precision
        func resolve(_ value: Double) -> Double { Double(precision.resolve(value, as: Scalar.self)) }
        return Resolved(
            configuration: self, beta1: resolve(beta1), oneMinusBeta1: resolve(1 - beta1), beta2: resolve(beta2),
            oneMinusBeta2: resolve(1 - beta2), epsilon: resolve(epsilon))
    }

    /// Adam with β₁, 1 − β₁, β₂, 1 − β₂ and ε as `Scalar` holds them (kept as `Double`s, which
    /// hold every `Float` and `Double` exactly); the bias corrections are computed per step in
    /// `Double`.
    public struct Resolved: ResolvedAlgorithm {
        let configuration: Adam
        let beta1: Double
        let oneMinusBeta1: Double
        let beta2: Double
        let oneMinusBeta2: Double
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
            let t = Double(context.step + 1)
            let correction1 = 1 - Foundation.pow(configuration.beta1, t)
            let correction2 = 1 - Foundation.pow(configuration.beta2, t)
            let learningRate = context.learningRate
            let (stepSize, scale): (Scalar, Scalar) = switch configuration.biasCorrectionStyle {
            case .corrected: (learningRate / Scalar(correction1), Scalar(1 / correction2))
            case .folded: (learningRate * Scalar(correction2.squareRoot() / correction1), 1)
            }
            let rule = AdamRule(
                stepSize: stepSize, beta1: Scalar(beta1), oneMinusBeta1: Scalar(oneMinusBeta1), beta2: Scalar(beta2),
                oneMinusBeta2: Scalar(oneMinusBeta2), secondMomentScale: scale, epsilon: Scalar(epsilon)
            )
            return visitor.visit(rule)
        }
    }
}
