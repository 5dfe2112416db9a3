import D2LTensor

/// One Adadelta step for one element (Zeiler, 2012).
///
/// ```
/// s ← ρ · s + (1 − ρ) · g²
/// g' ← √(Δ + ε) / √(s + ε) · g
/// p ← p − η · g'
/// Δ ← ρ · Δ + (1 − ρ) · g'²
/// ```
/// The book uses η = 1 and ε = 10⁻⁵. State slots: ``ElementState/first`` = `s`,
/// ``ElementState/second`` = `Δ`.
public struct AdadeltaRule<Scalar: TensorScalar>: ElementwiseRule {
    /// Learning rate η for this step.
    public var learningRate: Scalar
    /// ρ and `1 − ρ`.
    public var rho: Scalar, oneMinusRho: Scalar
    /// ε.
    public var epsilon: Scalar

    /// A rule with this step's coefficients.
    @inlinable
    public init(learningRate: Scalar, rho: Scalar, oneMinusRho: Scalar, epsilon: Scalar) {
        self.learningRate = learningRate
        self.rho = rho
        self.oneMinusRho = oneMinusRho
        self.epsilon = epsilon
    }

    public static var slots: StateSlots { [.first, .second] }

    @inlinable @inline(__always)
    public func update(_ parameter: inout Scalar, gradient g: Scalar, state: inout ElementState<Scalar>) {
        let s = rho * state.first + oneMinusRho * (g * g)
        state.first = s
        let change = Scalar.vectorizableSquareRoot(state.second + epsilon) / Scalar.vectorizableSquareRoot(s + epsilon) * g
        parameter -= learningRate * change
        state.second = rho * state.second + oneMinusRho * (change * change)
    }

    public var updateDescription: UpdateDescription {
        UpdateDescription(
            operations: ["s ← ρ·s + (1 − ρ)·g²", "g′ ← √(Δ + ε) / √(s + ε) · g", "p ← p − η·g′", "Δ ← ρ·Δ + (1 − ρ)·g′²"],
            values: ["η = \(learningRate)", "ρ = \(rho)", "1 − ρ = \(oneMinusRho)", "ε = \(epsilon)"])
    }
}
