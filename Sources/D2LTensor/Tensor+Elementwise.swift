extension Tensor {
    /// A tensor of the same shape with `transform` applied to every scalar.
    @inlinable
    public func map(_ transform: (Scalar) -> Scalar) -> Tensor {
        Tensor(uncheckedShape: shape, scalars: scalars.map(transform))
    }

    /// Combines two tensors elementwise after broadcasting them to a common shape.
    ///
    /// - Throws: ``TensorError/incompatibleShapes(_:_:operation:)`` if they do not broadcast.
    @inlinable
    public func combined(
        with other: Tensor, operation: String = "elementwise", _ combine: (Scalar, Scalar) -> Scalar
    ) throws(TensorError) -> Tensor {
        if shape == other.shape {
            return Tensor(uncheckedShape: shape, scalars: zip(scalars, other.scalars).map(combine))
        }
        let target = try Broadcasting.shape(shape, other.shape, operation: operation)
        var result = [Scalar](repeating: 0, count: target.reduce(1, *))
        scalars.withUnsafeBufferPointer { a in
            other.scalars.withUnsafeBufferPointer { b in
                result.withUnsafeMutableBufferPointer { out in
                    Broadcasting.forEachOffset(in: target, a: shape, b: other.shape) { index, offsetA, offsetB in
                        out[index] = combine(a[offsetA], b[offsetB])
                    }
                }
            }
        }
        return Tensor(uncheckedShape: target, scalars: result)
    }

    /// Sums this tensor over the dimensions along which `shape` was broadcast to produce it:
    /// the adjoint of broadcasting, used to route gradients back to a smaller operand.
    @inlinable
    public func sumReduced(toShape target: [Int]) -> Tensor {
        if target == shape { return self }
        var result = [Scalar](repeating: 0, count: target.reduce(1, *))
        scalars.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { out in
                Broadcasting.forEachOffset(in: shape, a: shape, b: target) { _, offset, targetOffset in
                    out[targetOffset] += source[offset]
                }
            }
        }
        return Tensor(uncheckedShape: target, scalars: result)
    }

    /// Elementwise sum with broadcasting; traps if the shapes are incompatible.
    @inlinable
    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor { broadcasting(lhs, rhs, "+", +) }
    /// Elementwise difference with broadcasting; traps if the shapes are incompatible.
    @inlinable
    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor { broadcasting(lhs, rhs, "-", -) }
    /// Elementwise product with broadcasting; traps if the shapes are incompatible.
    @inlinable
    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor { broadcasting(lhs, rhs, "*", *) }
    /// Elementwise quotient with broadcasting; traps if the shapes are incompatible.
    @inlinable
    public static func / (lhs: Tensor, rhs: Tensor) -> Tensor { broadcasting(lhs, rhs, "/", /) }

    /// Adds `rhs` to every scalar.
    @inlinable
    public static func + (lhs: Tensor, rhs: Scalar) -> Tensor { lhs.map { $0 + rhs } }
    /// Subtracts `rhs` from every scalar.
    @inlinable
    public static func - (lhs: Tensor, rhs: Scalar) -> Tensor { lhs.map { $0 - rhs } }
    /// Multiplies every scalar by `rhs`.
    @inlinable
    public static func * (lhs: Tensor, rhs: Scalar) -> Tensor { lhs.map { $0 * rhs } }
    /// Multiplies every scalar by `lhs`.
    @inlinable
    public static func * (lhs: Scalar, rhs: Tensor) -> Tensor { rhs.map { lhs * $0 } }
    /// Divides every scalar by `rhs`.
    @inlinable
    public static func / (lhs: Tensor, rhs: Scalar) -> Tensor { lhs.map { $0 / rhs } }
    /// Negates every scalar.
    @inlinable
    public static prefix func - (operand: Tensor) -> Tensor { operand.map { -$0 } }

    @inlinable
    static func broadcasting(
        _ lhs: Tensor, _ rhs: Tensor, _ name: String, _ combine: (Scalar, Scalar) -> Scalar
    ) -> Tensor {
        do {
            return try lhs.combined(with: rhs, operation: name, combine)
        } catch {
            preconditionFailure(error.description)
        }
    }

    /// Every scalar squared.
    @inlinable
    public func squared() -> Tensor { map { $0 * $0 } }

    /// The square root of every scalar.
    @inlinable
    public func squareRoot() -> Tensor { map(Scalar.vectorizableSquareRoot) }
}
