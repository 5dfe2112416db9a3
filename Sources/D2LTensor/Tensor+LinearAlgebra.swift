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
        let (m, k, n) = (shape[0], shape[1], other.shape[1])
        var result = [Scalar](repeating: 0, count: m * n)
        scalars.withUnsafeBufferPointer { a in
            other.scalars.withUnsafeBufferPointer { b in
                result.withUnsafeMutableBufferPointer { c in
                    for i in 0..<m {
                        for p in 0..<k {
                            let aip = a[i * k + p]
                            for j in 0..<n { c[i * n + j] += aip * b[p * n + j] }
                        }
                    }
                }
            }
        }
        return Tensor(uncheckedShape: [m, n], scalars: result)
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
