extension Tensor {
    /// The scalar at `indices`, one index per dimension, outermost first: `x[i]` for a vector,
    /// `x[i, j]` for a matrix.
    ///
    /// ```swift
    /// var x: Tensor<Float> = [[1, 2], [3, 4]]
    /// x[1, 0] = 5                                     // [[1, 2], [5, 4]]
    /// ```
    ///
    /// Traps, as an array's subscript does, unless there is one index per dimension and each is
    /// within its dimension; the message names the indices and the shape.
    ///
    /// - Complexity: O(rank).
    @inlinable
    public subscript(indices: Int...) -> Scalar {
        get { storage[offset(of: indices)] }
        set { storage[offset(of: indices)] = newValue }
    }

    /// The row-major offset of `indices`; traps if they do not address a scalar of this shape.
    @inlinable
    func offset(of indices: [Int]) -> Int {
        precondition(
            indices.count == rank && zip(indices, shape).allSatisfy { 0 <= $0 && $0 < $1 },
            "index \(indices) is out of range for a tensor of shape \(shape)")
        var offset = 0
        for (index, dimension) in zip(indices, shape) { offset = offset * dimension + index }
        return offset
    }
}
