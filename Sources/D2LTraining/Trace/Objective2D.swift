import D2LTensor

/// A differentiable function of two variables, written with recorded operations so that its
/// gradient comes from `GradientTape.backward(from:)`.
public protocol Objective2D: Sendable {
    /// `f(x)` for `x = [x1, x2]`, recorded on `x`'s tape.
    func callAsFunction<Scalar: TensorScalar>(_ x: Variable<Scalar>) -> Variable<Scalar>

    /// `f(x1, x2)` without recording, for contour plots.
    func value(_ x1: Double, _ x2: Double) -> Double
}

/// The section's objective `f(x) = 0.1 · x1² + 2 · x2²`: elongated bowls, so a single learning
/// rate is too small along x1 or too large along x2.
public struct SectionQuadratic: Objective2D {
    /// The coefficients (0.1, 2).
    public static let coefficients: [Double] = [0.1, 2]

    /// The section's objective.
    public init() {}

    public func callAsFunction<Scalar: TensorScalar>(_ x: Variable<Scalar>) -> Variable<Scalar> {
        (x.squared() * Tensor(Self.coefficients.map { Scalar($0) })).sum()
    }

    public func value(_ x1: Double, _ x2: Double) -> Double {
        Self.coefficients[0] * x1 * x1 + Self.coefficients[1] * x2 * x2
    }
}
