extension Tensor {
    /// The matrix product of two rank-2 tensors: `(m × k) · (k × n) → (m × n)`.
    ///
    /// - Throws: ``TensorError/incompatibleShapes(_:_:operation:)`` unless both are rank 2 with
    ///   matching inner dimensions.
    /// - Complexity: O(m · k · n).
    @inlinable
    public func matmul(_ other: Tensor) throws(TensorError) -> Tensor {
        guard rank == 2, other.rank == 2, shape[1] == other.shape[0] else {
            throw .incompatibleShapes(shape, other.shape, operation: "matmul")
        }
        var result = Tensor(repeating: 0, shape: [shape[0], other.shape[1]])
        result.addProduct(self, other)
        return result
    }

    /// Adds the matrix product `a · b` (`a` is `m × k`, `b` is `k × n`, this tensor `m × n`),
    /// either factor optionally read transposed in place: `C ← C + op(A)·op(B)`. Each element
    /// sums its products in order of the inner index.
    @inlinable
    @inline(__always)
    public mutating func addProduct(_ a: Tensor, transposingA: Bool = false, _ b: Tensor, transposingB: Bool = false) {
        let (aRows, aColumns) = (a.shape[0], a.shape[1])
        let (bRows, bColumns) = (b.shape[0], b.shape[1])
        let (m, k) = transposingA ? (aColumns, aRows) : (aRows, aColumns)
        let n = transposingB ? bRows : bColumns
        withUnsafeMutableBufferPointer { c in
            a.scalars.withUnsafeBufferPointer { a2 in
                b.scalars.withUnsafeBufferPointer { b2 in
                    TensorKernels.multiplyAdd(
                        a2, rowStride: transposingA ? 1 : aColumns, columnStride: transposingA ? aColumns : 1,
                        b2, rowStride: transposingB ? 1 : bColumns, columnStride: transposingB ? bColumns : 1,
                        into: c, m: m, k: k, n: n
                    )
                }
            }
        }
    }

    /// The transpose of a rank-2 tensor.
    @inlinable
    public func transposed() -> Tensor {
        precondition(rank == 2, "transposed() needs a rank-2 tensor, not shape \(shape)")
        let (rows, columns) = (shape[0], shape[1])
        var result = [Scalar](repeating: 0, count: scalars.count)
        for i in 0..<rows {
            for j in 0..<columns { result[j * rows + i] = scalars[i * columns + j] }
        }
        return Tensor(uncheckedShape: [columns, rows], scalars: result)
    }
}
