import D2LTensor

/// How a running average `a` takes in a new value `x` with decay `γ`.
public protocol AverageForm: Sendable {
    /// The new average; `oneMinusDecay` is `1 − γ`, computed once per step.
    static func update<Scalar: TensorScalar>(_ average: Scalar, with x: Scalar, decay: Scalar, oneMinusDecay: Scalar) -> Scalar
    /// The update as a formula for the average named `average` taking in `x`.
    static func formula(_ average: String, with x: String) -> String
}

/// `a ← γ · a + (1 − γ) · x`: the book's, PyTorch's, MXNet's, Keras's and Optax's form.
public enum InterpolatedAverage: AverageForm {
    @inlinable @inline(__always)
    public static func update<Scalar: TensorScalar>(_ average: Scalar, with x: Scalar, decay: Scalar, oneMinusDecay: Scalar) -> Scalar {
        decay * average + oneMinusDecay * x
    }

    public static func formula(_ average: String, with x: String) -> String {
        "\(average) ← γ·\(average) + (1 − γ)·\(x)"
    }
}

/// `a ← a + (x − a) · (1 − γ)`: TensorFlow's fused kernels. Equal in exact arithmetic, rounded
/// differently.
public enum IncrementalAverage: AverageForm {
    @inlinable @inline(__always)
    public static func update<Scalar: TensorScalar>(_ average: Scalar, with x: Scalar, decay: Scalar, oneMinusDecay: Scalar) -> Scalar {
        average + (x - average) * oneMinusDecay
    }

    public static func formula(_ average: String, with x: String) -> String {
        "\(average) ← \(average) + (\(x) − \(average))·(1 − γ)"
    }
}

/// Where ε enters the denominator of an adaptive step.
public protocol DenominatorForm: Sendable {
    /// The denominator for mean square `v`.
    static func denominator<Scalar: TensorScalar>(_ v: Scalar, epsilon: Scalar) -> Scalar
    /// The denominator as a formula for the mean square named `v`.
    static func formula(_ v: String) -> String
}

/// `√(v + ε)`: the book, MXNet, Keras, TensorFlow, Optax's default.
public enum EpsilonInsideSquareRoot: DenominatorForm {
    @inlinable @inline(__always)
    public static func denominator<Scalar: TensorScalar>(_ v: Scalar, epsilon: Scalar) -> Scalar {
        Scalar.vectorizableSquareRoot(v + epsilon)
    }

    public static func formula(_ v: String) -> String { "√(\(v) + ε)" }
}

/// `√v + ε`: PyTorch, MLX, Optax with `eps_in_sqrt=False`.
public enum EpsilonOutsideSquareRoot: DenominatorForm {
    @inlinable @inline(__always)
    public static func denominator<Scalar: TensorScalar>(_ v: Scalar, epsilon: Scalar) -> Scalar {
        Scalar.vectorizableSquareRoot(v) + epsilon
    }

    public static func formula(_ v: String) -> String { "(√\(v) + ε)" }
}

/// Whether the mean square is centred by the running mean of the gradient.
public protocol CenteringForm: Sendable {
    /// True when the rule keeps the gradient average (slot ``ElementState/second``).
    static var isCentered: Bool { get }
    /// True when the mean gradient is updated as `m + (g − m)(1 − γ)` whatever the rule's form
    /// for the mean square (PyTorch's `lerp_`).
    static var interpolatesMeanByLerp: Bool { get }
    /// True when slot ``ElementState/first`` holds the centred variance `v = s − m²` itself
    /// rather than the mean square `s` (``CenteredVariance``).
    static var storesVariance: Bool { get }
}

extension CenteringForm {
    public static var storesVariance: Bool { false }
}

/// `v = s − m²` kept as the variance itself, the form centred RMSProp takes on 8-bit state:
///
/// ```
/// v ← γ · (v + (1 − γ) · (g − m)²)        (equal to γ·s + (1 − γ)·g² − m'² in exact arithmetic)
/// m ← γ · m + (1 − γ) · g
/// ```
///
/// Rounding `s` and `m` to 8 bits apart would make `s − m²` lose every digit where the
/// gradient's mean dominates its variance (even turn negative); rounding `v` itself keeps
/// its relative precision and its sign.
public enum CenteredVariance: CenteringForm {
    public static var isCentered: Bool { true }
    public static var interpolatesMeanByLerp: Bool { false }
    public static var storesVariance: Bool { true }
}

/// `v = s`: plain RMSProp.
public enum Uncentered: CenteringForm {
    public static var isCentered: Bool { false }
    public static var interpolatesMeanByLerp: Bool { false }
}

/// `v = s − m²`, with `m` the running mean of the gradient (Graves 2013), updated in the same
/// form as `s`.
public enum Centered: CenteringForm {
    public static var isCentered: Bool { true }
    public static var interpolatesMeanByLerp: Bool { false }
}

/// `v = s − m²` with `m ← m + (g − m)(1 − γ)`: PyTorch's centred RMSprop.
public enum CenteredByLerp: CenteringForm {
    public static var isCentered: Bool { true }
    public static var interpolatesMeanByLerp: Bool { true }
}

/// How a scaled step `u = g / denominator` moves the parameter.
public protocol MomentumForm: Sendable {
    /// True when the rule keeps a momentum buffer (slot ``ElementState/third``).
    static var usesBuffer: Bool { get }
    /// Moves `parameter` by step `u` with learning rate `η` and momentum `μ`.
    static func apply<Scalar: TensorScalar>(_ parameter: inout Scalar, step u: Scalar, learningRate: Scalar, momentum: Scalar, buffer: inout Scalar)
    /// The move as formulas for the step named `u`; `b` is the buffer.
    static func formulas(step u: String) -> [String]
}

/// `p ← p − η · u`.
public enum NoMomentum: MomentumForm {
    public static var usesBuffer: Bool { false }
    @inlinable @inline(__always)
    public static func apply<Scalar: TensorScalar>(_ parameter: inout Scalar, step u: Scalar, learningRate: Scalar, momentum: Scalar, buffer: inout Scalar) {
        parameter -= learningRate * u
    }

    public static func formulas(step u: String) -> [String] { ["p ← p − η·\(u)"] }
}

/// `b ← μ · b + u;  p ← p − η · b` — PyTorch: the learning rate stays outside the buffer.
public enum MomentumOutsideLearningRate: MomentumForm {
    public static var usesBuffer: Bool { true }
    @inlinable @inline(__always)
    public static func apply<Scalar: TensorScalar>(_ parameter: inout Scalar, step u: Scalar, learningRate: Scalar, momentum: Scalar, buffer: inout Scalar) {
        buffer = momentum * buffer + u
        parameter -= learningRate * buffer
    }

    public static func formulas(step u: String) -> [String] { ["b ← μ·b + \(u)", "p ← p − η·b"] }
}

/// `b ← μ · b + η · u;  p ← p − b` — TensorFlow, Keras, MXNet, Optax: the learning rate is
/// inside the buffer, so changing it does not rescale the velocity already accumulated.
public enum MomentumInsideLearningRate: MomentumForm {
    public static var usesBuffer: Bool { true }
    @inlinable @inline(__always)
    public static func apply<Scalar: TensorScalar>(_ parameter: inout Scalar, step u: Scalar, learningRate: Scalar, momentum: Scalar, buffer: inout Scalar) {
        let scaled = learningRate * u
        buffer = momentum * buffer + scaled
        parameter -= buffer
    }

    public static func formulas(step u: String) -> [String] { ["b ← μ·b + η·\(u)", "p ← p − b"] }
}

/// `b ← μ · b + η · u;  p ← p − (η · u + μ · b)` — Nesterov momentum as Optax's `trace`.
public enum NesterovMomentum: MomentumForm {
    public static var usesBuffer: Bool { true }
    @inlinable @inline(__always)
    public static func apply<Scalar: TensorScalar>(_ parameter: inout Scalar, step u: Scalar, learningRate: Scalar, momentum: Scalar, buffer: inout Scalar) {
        let scaled = learningRate * u
        buffer = momentum * buffer + scaled
        parameter -= scaled + momentum * buffer
    }

    public static func formulas(step u: String) -> [String] { ["b ← μ·b + η·\(u)", "p ← p − (η·\(u) + μ·b)"] }
}
