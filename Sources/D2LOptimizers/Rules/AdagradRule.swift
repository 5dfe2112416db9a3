import D2LTensor

/// One Adagrad step for one element.
///
/// ```
/// s ← s + g²
/// p ← p − η · g / √(s + ε)      or      p ← p − η · g / (√s + ε)
/// ```
/// The book uses ε = 10⁻⁶ inside the square root. State slot ``ElementState/first`` = `s`.
public struct AdagradRule<Scalar: TensorScalar, Denominator: DenominatorForm>: ElementwiseRule {
    /// Learning rate η for this step.
    public var learningRate: Scalar
    /// ε.
    public var epsilon: Scalar

    /// A rule with this step's coefficients.
    @inlinable
    public init(learningRate: Scalar, epsilon: Scalar) {
        self.learningRate = learningRate
        self.epsilon = epsilon
    }

    public static var slots: StateSlots { .first }

    @inlinable @inline(__always)
    public func update(_ parameter: inout Scalar, gradient g: Scalar, state: inout ElementState<Scalar>) {
        let s = state.first + g * g
        state.first = s
        parameter -= learningRate * (g / Denominator.denominator(s, epsilon: epsilon))
    }

    public var updateDescription: UpdateDescription {
        UpdateDescription(
            operations: ["s ← s + g²", "p ← p − η·g / \(Denominator.formula("s"))"],
            values: ["η = \(learningRate)", "ε = \(epsilon)"])
    }
}
