import CD2LMath
import RealModule

/// A floating-point type that tensors, autograd and the optimizer kernels compute with.
///
/// `Float` and `Double` conform. Beyond `Real` (elementary functions) and `BinaryFloatingPoint`,
/// a conforming type provides a square root that the compiler can vectorize.
public protocol TensorScalar: Real, BinaryFloatingPoint, Codable, Sendable, SIMDScalar
where RawSignificand: FixedWidthInteger {
    /// The correctly rounded square root, lowered to the hardware instruction.
    ///
    /// Unlike `squareRoot()`, which on Linux calls libm with an `errno` fallback branch, this
    /// form vectorizes inside a loop. The result is identical: IEEE 754 square root is correctly
    /// rounded either way.
    static func vectorizableSquareRoot(_ x: Self) -> Self

    /// The name used in files and command-line flags: `"float"` or `"double"`.
    static var typeName: String { get }
}

extension Float: TensorScalar {
    @inlinable @inline(__always)
    public static func vectorizableSquareRoot(_ x: Float) -> Float { d2l_sqrtf(x) }

    public static var typeName: String { "float" }
}

extension Double: TensorScalar {
    @inlinable @inline(__always)
    public static func vectorizableSquareRoot(_ x: Double) -> Double { d2l_sqrt(x) }

    public static var typeName: String { "double" }
}
