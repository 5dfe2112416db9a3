extension Tensor {
    /// The matrix product of two rank-2 tensors: `(m × k) · (k × n) → (m × n)`.
    ///
    /// Traps unless both are rank 2 with matching inner dimensions, with a message naming both
    /// shapes (see <doc:D2LTensor#Shape-errors>).
    ///
    /// - Complexity: O(m · k · n).
    @inlinable
    public func matmul(_ other: Tensor) -> Tensor {
        Self.checkMatmul(shape, other.shape)
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

    /// Traps unless `a` and `b` are the shapes of matrices that can be multiplied, naming both.
    @inlinable
    static func checkMatmul(_ a: [Int], _ b: [Int]) {
        guard a.count == 2, b.count == 2, a[1] == b[0] else {
            preconditionFailure(TensorError.incompatibleShapes(a, b, operation: "matmul").description)
        }
    }
}
