extension Tensor {
    /// The sum of all scalars, as a rank-0 tensor.
    ///
    /// Summation runs in index order, so results are reproducible.
    @inlinable
    public func sum() -> Tensor { Tensor(scalarSum) }

    /// The mean of all scalars, as a rank-0 tensor.
    @inlinable
    public func mean() -> Tensor { Tensor(scalarMean) }

    /// The sum of all scalars, in index order, as a scalar.
    @inlinable
    public var scalarSum: Scalar { storage.reduce(0, +) }

    /// The sum of all scalars divided by their count, as a scalar.
    @inlinable
    public var scalarMean: Scalar { scalarSum / Scalar(scalarCount) }

    /// The sum of every scalar squared: the squared Euclidean norm.
    @inlinable
    public func squaredNorm() -> Scalar { scalars.reduce(0) { $0 + $1 * $1 } }
}
