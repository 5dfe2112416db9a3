extension Tensor {
    /// The sum of all scalars, as a rank-0 tensor.
    ///
    /// Summation runs in index order, so results are reproducible.
    @inlinable
    public func sum() -> Tensor { Tensor(scalars.reduce(0, +)) }

    /// The mean of all scalars, as a rank-0 tensor.
    @inlinable
    public func mean() -> Tensor { Tensor(scalars.reduce(0, +) / Scalar(scalars.count)) }

    /// The sum of every scalar squared: the squared Euclidean norm.
    @inlinable
    public func squaredNorm() -> Scalar { scalars.reduce(0) { $0 + $1 * $1 } }
}
