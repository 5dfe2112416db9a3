/// Operations between a ``Variable`` and a ``Tensor``, in either order: the tensor is recorded
/// as a constant (no gradient) and the operation is the variables' own, so both orders
/// broadcast, trap on incompatible shapes and differentiate alike.
extension Variable {
    /// Elementwise sum with a tensor that needs no gradient.
    @inlinable
    public static func + (lhs: Variable, rhs: Tensor<Scalar>) -> Variable { lhs + lhs.tape.constant(rhs) }
    /// Elementwise sum with a tensor that needs no gradient.
    @inlinable
    public static func + (lhs: Tensor<Scalar>, rhs: Variable) -> Variable { rhs.tape.constant(lhs) + rhs }
    /// Elementwise difference with a tensor that needs no gradient.
    @inlinable
    public static func - (lhs: Variable, rhs: Tensor<Scalar>) -> Variable { lhs - lhs.tape.constant(rhs) }
    /// Elementwise difference with a tensor that needs no gradient.
    @inlinable
    public static func - (lhs: Tensor<Scalar>, rhs: Variable) -> Variable { rhs.tape.constant(lhs) - rhs }
    /// Elementwise product with a tensor that needs no gradient.
    @inlinable
    public static func * (lhs: Variable, rhs: Tensor<Scalar>) -> Variable { lhs * lhs.tape.constant(rhs) }
    /// Elementwise product with a tensor that needs no gradient.
    @inlinable
    public static func * (lhs: Tensor<Scalar>, rhs: Variable) -> Variable { rhs.tape.constant(lhs) * rhs }
    /// Elementwise quotient by a tensor that needs no gradient.
    @inlinable
    public static func / (lhs: Variable, rhs: Tensor<Scalar>) -> Variable { lhs / lhs.tape.constant(rhs) }
    /// Elementwise quotient of a tensor that needs no gradient.
    @inlinable
    public static func / (lhs: Tensor<Scalar>, rhs: Variable) -> Variable { rhs.tape.constant(lhs) / rhs }

    /// The matrix product with a tensor that needs no gradient, `(m × k) · (k × n)`.
    @inlinable
    public func matmul(_ other: Tensor<Scalar>) -> Variable { matmul(tape.constant(other)) }
}

extension Tensor {
    /// The matrix product of this tensor, taken as a constant, with a recorded variable.
    @inlinable
    public func matmul(_ other: Variable<Scalar>) -> Variable<Scalar> {
        other.tape.constant(self).matmul(other)
    }
}
