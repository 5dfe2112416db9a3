/// Values of a function of two variables sampled on a rectangular grid, as numpy's `meshgrid`.
///
/// ```swift
/// // The book's show_trace_2d grid: arange(-5.5, 1.0, 0.1) × arange(-3.0, 1.0, 0.1)
/// let grid = SampledGrid(x: -5.5...1, y: -3...1, step: 0.1) { x1, x2 in
///     0.1 * x1 * x1 + 2 * x2 * x2
/// }
/// ```
public struct SampledGrid: Hashable, Sendable {
    /// The sample positions along x, increasing.
    public let x: [Double]
    /// The sample positions along y, increasing.
    public let y: [Double]
    /// `values[j][i]` is the value at `(x[i], y[j])`: one row per y position.
    ///
    /// Non-finite values are allowed; contour lines skip the cells that touch them.
    public let values: [[Double]]

    /// Creates a grid from samples.
    ///
    /// - Precondition: `x` and `y` each have at least two increasing positions; `values` has
    ///   `y.count` rows of `x.count` values.
    public init(x: [Double], y: [Double], values: [[Double]]) {
        precondition(x.count >= 2 && y.count >= 2, "a grid needs at least 2 × 2 samples")
        precondition(zip(x, x.dropFirst()).allSatisfy(<) && zip(y, y.dropFirst()).allSatisfy(<),
                     "grid positions must increase")
        precondition(values.count == y.count && values.allSatisfy { $0.count == x.count },
                     "values must have \(y.count) rows of \(x.count) values")
        self.x = x
        self.y = y
        self.values = values
    }

    /// Samples `function` at every pair of positions.
    ///
    /// - Precondition: as for ``init(x:y:values:)``.
    public init(x: [Double], y: [Double], function: (Double, Double) -> Double) {
        self.init(x: x, y: y, values: y.map { yValue in x.map { xValue in function(xValue, yValue) } })
    }

    /// Samples `function` every `step` from the lower bound of each range up to its upper
    /// bound (included when it is a whole number of steps away, up to rounding).
    ///
    /// - Precondition: `step` is positive and each range holds at least two steps' positions.
    public init(
        x: ClosedRange<Double>, y: ClosedRange<Double>, step: Double, function: (Double, Double) -> Double
    ) {
        precondition(step > 0 && step.isFinite, "the step must be positive")
        func positions(_ range: ClosedRange<Double>) -> [Double] {
            let count = Int(((range.upperBound - range.lowerBound) / step + 1e-9).rounded(.down)) + 1
            return (0..<count).map { range.lowerBound + Double($0) * step }
        }
        self.init(x: positions(x), y: positions(y), function: function)
    }
}
