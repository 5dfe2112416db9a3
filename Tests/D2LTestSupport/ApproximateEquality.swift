import D2LTensor
import RealModule

/// Whether every pair of scalars agrees within `relative` of the larger magnitude of the
/// sequence `scale` (or elementwise when `scale` is nil), or within `absolute`.
public func allClose<Scalar: TensorScalar>(
    _ actual: [Scalar], _ expected: [Scalar], relative: Scalar, absolute: Scalar = 0, scale: Scalar? = nil
) -> Bool {
    guard actual.count == expected.count else { return false }
    return zip(actual, expected).allSatisfy { a, e in
        if let scale {
            return abs(a - e) <= Swift.max(relative * scale, absolute)
        }
        return a.isApproximatelyEqual(to: e, absoluteTolerance: absolute, relativeTolerance: relative)
            || abs(a - e) <= absolute
    }
}

/// The largest elementwise difference, relative to the larger magnitude of each pair.
public func maximumRelativeDifference<Scalar: TensorScalar>(_ actual: [Scalar], _ expected: [Scalar]) -> Scalar {
    zip(actual, expected).reduce(0) { worst, pair in
        let magnitude = Swift.max(abs(pair.0), abs(pair.1))
        return magnitude == 0 ? worst : Swift.max(worst, abs(pair.0 - pair.1) / magnitude)
    }
}
