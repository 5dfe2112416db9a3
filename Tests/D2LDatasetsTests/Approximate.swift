/// Whether `actual` is within `relativeTolerance` of `expected`, relative to `expected`'s magnitude.
func isClose(_ actual: Double, _ expected: Double, relativeTolerance: Double = 1e-12) -> Bool {
    abs(actual - expected) <= relativeTolerance * abs(expected)
}
