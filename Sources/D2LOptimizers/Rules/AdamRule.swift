import D2LTensor

/// One Adam step for one element (Kingma and Ba, 2015).
///
/// ```
/// m ← β₁ · m + (1 − β₁) · g
/// v ← β₂ · v + (1 − β₂) · g²
/// p ← p − α · m / (√(c · v) + ε)
/// ```
/// The frameworks differ only in how they fold the bias corrections `1 − β₁ᵗ` and `1 − β₂ᵗ`
/// into the step size `α` and the scale `c`: the book, PyTorch and Optax use
/// `α = η / (1 − β₁ᵗ)`, `c = 1 / (1 − β₂ᵗ)`; MXNet and Keras use
/// `α = η · √(1 − β₂ᵗ) / (1 − β₁ᵗ)`, `c = 1`. State slots: ``ElementState/first`` = `m`,
/// ``ElementState/second`` = `v`.
public struct AdamRule<Scalar: TensorScalar>: ElementwiseRule {
    /// Step size α for this step.
    public var stepSize: Scalar
    /// β₁ and `1 − β₁`.
    public var beta1: Scalar, oneMinusBeta1: Scalar
    /// β₂ and `1 − β₂`.
    public var beta2: Scalar, oneMinusBeta2: Scalar
    /// Scale `c` of the second moment under the square root.
    public var secondMomentScale: Scalar
    /// ε, added outside the square root.
    public var epsilon: Scalar

    /// A rule with this step's coefficients.
    @inlinable
    public init(
        stepSize: Scalar, beta1: Scalar, oneMinusBeta1: Scalar, beta2: Scalar, oneMinusBeta2: Scalar,
        secondMomentScale: Scalar, epsilon: Scalar
    ) {
        self.stepSize = stepSize
        self.beta1 = beta1
        self.oneMinusBeta1 = oneMinusBeta1
        self.beta2 = beta2
        self.oneMinusBeta2 = oneMinusBeta2
        self.secondMomentScale = secondMomentScale
        self.epsilon = epsilon
    }

    public static var slots: StateSlots { [.first, .second] }

    @inlinable @inline(__always)
    public func update(_ parameter: inout Scalar, gradient g: Scalar, state: inout ElementState<Scalar>) {
        let m = beta1 * state.first + oneMinusBeta1 * g
        let v = beta2 * state.second + oneMinusBeta2 * (g * g)
        state.first = m
        state.second = v
        parameter -= stepSize * (m / (Scalar.vectorizableSquareRoot(secondMomentScale * v) + epsilon))
    }

    public var updateDescription: UpdateDescription {
        UpdateDescription(
            operations: ["m ← β₁·m + (1 − β₁)·g", "v ← β₂·v + (1 − β₂)·g²", "p ← p − α·m / (√(c·v) + ε)"],
            values: [
                "α = \(stepSize)", "β₁ = \(beta1)", "1 − β₁ = \(oneMinusBeta1)", "β₂ = \(beta2)", "1 − β₂ = \(oneMinusBeta2)",
                "c = \(secondMomentScale)", "ε = \(epsilon)",
            ])
    }
}
