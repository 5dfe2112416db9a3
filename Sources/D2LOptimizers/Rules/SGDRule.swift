import D2LTensor

/// One stochastic-gradient-descent step for one element, optionally through a momentum buffer.
///
/// ```
/// p ← p − η · g                     (NoMomentum)
/// b ← μ · b + g;  p ← p − η · b     (MomentumOutsideLearningRate, PyTorch)
/// b ← μ · b + η · g;  p ← p − b     (MomentumInsideLearningRate, the book and MXNet)
/// ```
/// State slot ``ElementState/first`` holds the momentum buffer when there is one.
public struct SGDRule<Scalar: TensorScalar, Momentum: MomentumForm>: ElementwiseRule {
    /// Learning rate η for this step.
    public var learningRate: Scalar
    /// Momentum μ.
    public var momentum: Scalar

    /// A rule with this step's coefficients.
    @inlinable
    public init(learningRate: Scalar, momentum: Scalar = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
    }

    public static var slots: StateSlots { Momentum.usesBuffer ? .first : [] }

    @inlinable @inline(__always)
    public func update(_ parameter: inout Scalar, gradient: Scalar, state: inout ElementState<Scalar>) {
        Momentum.apply(&parameter, step: gradient, learningRate: learningRate, momentum: momentum, buffer: &state.first)
    }

    public var updateDescription: UpdateDescription {
        UpdateDescription(
            operations: Momentum.formulas(step: "g"),
            values: ["η = \(learningRate)"] + (Momentum.usesBuffer ? ["μ = \(momentum)"] : []))
    }
}
