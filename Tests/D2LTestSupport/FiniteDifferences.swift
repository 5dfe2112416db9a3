import D2LTensor

/// Numerical gradient of a scalar function of one tensor by central differences:
/// `∂f/∂xᵢ ≈ (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h`.
public func numericalGradient(
    of function: (Tensor<Double>) -> Double, at point: Tensor<Double>, step h: Double = 1e-6
) -> Tensor<Double> {
    var gradient = [Double]()
    gradient.reserveCapacity(point.scalarCount)
    for index in 0..<point.scalarCount {
        var plus = point.scalars
        var minus = point.scalars
        plus[index] += h
        minus[index] -= h
        let forward = function(try! Tensor(shape: point.shape, scalars: plus))
        let backward = function(try! Tensor(shape: point.shape, scalars: minus))
        gradient.append((forward - backward) / (2 * h))
    }
    return try! Tensor(shape: point.shape, scalars: gradient)
}
