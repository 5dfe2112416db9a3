extension Tensor {
    /// The sum of all scalars, as a rank-0 tensor.
    ///
    /// Summation runs in the fixed order of ``scalarSum``, so results are reproducible.
    @inlinable
    public func sum() -> Tensor { Tensor(scalarSum) }

    /// The mean of all scalars, as a rank-0 tensor.
    @inlinable
    public func mean() -> Tensor { Tensor(scalarMean) }

    /// The sum of all scalars, as a scalar.
    ///
    /// Eight partial sums take every eighth scalar (the ones left over go to the first), then
    /// combine pairwise: a fixed order, so results are reproducible, whose additions do not
    /// wait for one another. Up to eight scalars are summed in index order.
    @inlinable
    public var scalarSum: Scalar {
        storage.withUnsafeBufferPointer { x in
            var (s0, s1, s2, s3, s4, s5, s6, s7) = (Scalar.zero, Scalar.zero, Scalar.zero, Scalar.zero, Scalar.zero, Scalar.zero, Scalar.zero, Scalar.zero)
            var i = 0
            if x.count > 8 {
                while i + 8 <= x.count {
                    s0 += x[i]
                    s1 += x[i + 1]
                    s2 += x[i + 2]
                    s3 += x[i + 3]
                    s4 += x[i + 4]
                    s5 += x[i + 5]
                    s6 += x[i + 6]
                    s7 += x[i + 7]
                    i += 8
                }
            }
            while i < x.count {
                s0 += x[i]
                i += 1
            }
            return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))
        }
    }

    /// The sum of all scalars divided by their count, as a scalar.
    @inlinable
    public var scalarMean: Scalar { scalarSum / Scalar(scalarCount) }

    /// The sum of every scalar squared: the squared Euclidean norm.
    @inlinable
    public func squaredNorm() -> Scalar { scalars.reduce(0) { $0 + $1 * $1 } }
}
