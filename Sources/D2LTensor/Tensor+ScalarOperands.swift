extension Tensor {
    /// Adds `rhs` to every scalar: `x + c`.
    @inlinable
    public static func + (lhs: Tensor, rhs: Scalar) -> Tensor { lhs.map { $0 + rhs } }
    /// Adds `lhs` to every scalar: `c + x`.
    @inlinable
    public static func + (lhs: Scalar, rhs: Tensor) -> Tensor { rhs.map { lhs + $0 } }
    /// Subtracts `rhs` from every scalar: `x − c`.
    @inlinable
    public static func - (lhs: Tensor, rhs: Scalar) -> Tensor { lhs.map { $0 - rhs } }
    /// Subtracts every scalar from `lhs`: `c − x`.
    @inlinable
    public static func - (lhs: Scalar, rhs: Tensor) -> Tensor { rhs.map { lhs - $0 } }
    /// Multiplies every scalar by `rhs`: `x · c`.
    @inlinable
    public static func * (lhs: Tensor, rhs: Scalar) -> Tensor { lhs.map { $0 * rhs } }
    /// Multiplies every scalar by `lhs`: `c · x`.
    @inlinable
    public static func * (lhs: Scalar, rhs: Tensor) -> Tensor { rhs.map { lhs * $0 } }
    /// Divides every scalar by `rhs`: `x / c`.
    @inlinable
    public static func / (lhs: Tensor, rhs: Scalar) -> Tensor { lhs.map { $0 / rhs } }
    /// Divides `lhs` by every scalar: `c / x`.
    @inlinable
    public static func / (lhs: Scalar, rhs: Tensor) -> Tensor { rhs.map { lhs / $0 } }
}
