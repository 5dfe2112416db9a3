extension Variable {
    /// Adds a scalar to every element: `x + c`, with derivative 1.
    @inlinable
    public static func + (lhs: Variable, rhs: Scalar) -> Variable {
        lhs.unary(.addScalar(lhs.index)) { $0 + rhs }
    }
    /// Adds a scalar to every element: `c + x`, with derivative 1.
    @inlinable
    public static func + (lhs: Scalar, rhs: Variable) -> Variable { rhs + lhs }
    /// Subtracts a scalar from every element: `x − c`, with derivative 1.
    @inlinable
    public static func - (lhs: Variable, rhs: Scalar) -> Variable {
        lhs.unary(.addScalar(lhs.index)) { $0 - rhs }
    }
    /// Subtracts every element from a scalar: `c − x = −x + c`, with derivative −1.
    @inlinable
    public static func - (lhs: Scalar, rhs: Variable) -> Variable { -rhs + lhs }
    /// Multiplies every element by a scalar: `x · c`, with derivative `c`.
    @inlinable
    public static func * (lhs: Variable, rhs: Scalar) -> Variable {
        lhs.unary(.multiplyScalar(lhs.index, rhs)) { $0 * rhs }
    }
    /// Multiplies every element by a scalar: `c · x`, with derivative `c`.
    @inlinable
    public static func * (lhs: Scalar, rhs: Variable) -> Variable { rhs * lhs }
    /// Divides every element by a scalar: `x / c`, with derivative `1 / c`.
    @inlinable
    public static func / (lhs: Variable, rhs: Scalar) -> Variable {
        lhs.unary(.multiplyScalar(lhs.index, 1 / rhs)) { $0 / rhs }
    }
    /// Divides a scalar by every element: `c / x`, with derivative `−c / x²`.
    @inlinable
    public static func / (lhs: Scalar, rhs: Variable) -> Variable { Tensor(lhs) / rhs }
}
