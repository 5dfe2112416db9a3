extension Tensor {
    /// A tensor of normal samples with the given mean and standard deviation.
    ///
    /// Samples are drawn in `Double` and rounded to `Scalar`, so a seed gives the same values in
    /// `Float` and `Double` up to that rounding.
    public static func randomNormal<Generator: RandomNumberGenerator>(
        shape: [Int], mean: Scalar = 0, standardDeviation: Scalar = 1, using generator: inout Generator
    ) -> Tensor {
        let count = shape.reduce(1, *)
        var scalars = [Scalar]()
        scalars.reserveCapacity(count + 1)
        while scalars.count < count {
            let (a, b) = generator.nextStandardNormalPair()
            scalars.append(mean + standardDeviation * Scalar(a))
            scalars.append(mean + standardDeviation * Scalar(b))
        }
        scalars.removeLast(scalars.count - count)
        return Tensor(uncheckedShape: shape, scalars: scalars)
    }

    /// A tensor of uniform samples in `[lowerBound, upperBound)`.
    public static func randomUniform<Generator: RandomNumberGenerator>(
        shape: [Int], lowerBound: Scalar = 0, upperBound: Scalar = 1, using generator: inout Generator
    ) -> Tensor {
        let count = shape.reduce(1, *)
        let scalars = (0..<count).map { _ in
            lowerBound + (upperBound - lowerBound) * Scalar(generator.nextUnitInterval())
        }
        return Tensor(uncheckedShape: shape, scalars: scalars)
    }
}
