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
        let target = try Broadcasting.shape(shape, other.shape, operation: operation)
        var result = Tensor(repeating: 0, shape: target)
        result.combining(self, other, combine)
        return result
    }

    /// Overwrites this tensor with `combine(a, b)`, the operands broadcast to its shape (which
    /// they must broadcast to): the in-place form of ``combined(with:operation:_:)``.
    @inlinable
    @inline(__always)
    public mutating func combining(_ a: Tensor, _ b: Tensor, _ combine: (Scalar, Scalar) -> Scalar) {
        let target = shape
        withUnsafeMutableBufferPointer { out in
            a.scalars.withUnsafeBufferPointer { a2 in
                b.scalars.withUnsafeBufferPointer { b2 in
                    TensorKernels.combine(a2, shape: a.shape, b2, shape: b.shape, into: out, shape: target, combine)
                }
            }
        }
    }

    /// Replaces every scalar `x` with `transform(x, y)`, `y` the scalar of `other` at the same
    /// position: an in-place update such as the book's `s[:] = γ * s + (1 - γ) * g²`.
    ///
    /// Writes into this tensor's storage unless it is shared.
    @inlinable
    public mutating func formElementwise(_ other: Tensor, _ transform: (Scalar, Scalar) -> Scalar) {
        precondition(other.shape == shape, "cannot combine shape \(other.shape) with \(shape) in place")
        withUnsafeMutableBufferPointer { out in
            other.withUnsafeBufferPointer { source in
                for i in out.indices { out[i] = transform(out[i], source[i]) }
            }
        }
    }

    /// Replaces every scalar `x` with `transform(x, y, z)`, `y` and `z` the scalars of `first`
    /// and `second` at the same position: an in-place update such as the book's
    /// `p[:] -= η * g / √(s + ε)`.
    @inlinable
    public mutating func formElementwise(_ first: Tensor, _ second: Tensor, _ transform: (Scalar, Scalar, Scalar) -> Scalar) {
        precondition(first.shape == shape && second.shape == shape, "cannot combine shapes \(first.shape) and \(second.shape) with \(shape) in place")
        withUnsafeMutableBufferPointer { out in
            first.withUnsafeBufferPointer { a in
                second.withUnsafeBufferPointer { b in
                    for i in out.indices { out[i] = transform(out[i], a[i], b[i]) }
                }
            }
        }
    }

    /// Adds `other`, which has as many scalars, element by element.
    @inlinable
    @inline(__always)
    mutating func addElementwise(_ other: Tensor) {
        withUnsafeMutableBufferPointer { out in
            other.withUnsafeBufferPointer { source in
                for i in out.indices { out[i] += source[i] }
            }
        }
    }

    /// Overwrites the scalars with those of `other`, which has as many, in row-major order.
    @inlinable
    @inline(__always)
    mutating func copyElements(of other: Tensor) {
        withUnsafeMutableBufferPointer { out in
            other.withUnsafeBufferPointer { source in
                for i in out.indices { out[i] = source[i] }
            }
        }
    }

    /// Sums this tensor over the dimensions along which `shape` was broadcast to produce it:
    /// the adjoint of broadcasting, used to route gradients back to a smaller operand.
    @inlinable
    public func sumReduced(toShape target: [Int]) -> Tensor {
        if target == shape { return self }
        var result = Tensor(repeating: 0, shape: target)
        result.addReduced(self)
        return result
    }

    /// Adds `source`, a broadcast of this tensor's shape, summed over its broadcast axes: the
    /// in-place, accumulating form of ``sumReduced(toShape:)``.
    @inlinable
    @inline(__always)
    public mutating func addReduced(_ source: Tensor) {
        let target = shape
        withUnsafeMutableBufferPointer { out in
            source.scalars.withUnsafeBufferPointer { input in
                TensorKernels.addReduced(input, shape: source.shape, into: out, shape: target)
            }
        }
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
