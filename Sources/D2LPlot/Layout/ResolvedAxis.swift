/// An ``Axis`` with its domain and ticks fixed for the data it shows.
struct ResolvedAxis: Sendable {
    let axis: Axis
    let ticks: [Tick]
    /// The values at the two ends of the axis.
    let domain: ClosedRange<Double>

    /// Resolves `axis` for data spanning `extent` (`nil` when there is no drawable data).
    ///
    /// An explicit range is shown exactly, with the round ticks inside it; otherwise the data
    /// extent (limited to ±10³⁰⁷) is widened to round ticks; without data the axis shows 0…1
    /// (1…10 when logarithmic). An explicit range the scale cannot show is ignored.
    init(_ axis: Axis, extent: ClosedRange<Double>?, maximumTickCount: Int) {
        self.axis = axis
        let usableRange = axis.range.flatMap { range in
            axis.scale.canPlot(range.lowerBound) && (range.upperBound - range.lowerBound).isFinite ? range : nil
        }
        let ticks = if let usableRange {
            NiceTicks(within: usableRange, scale: axis.scale, maximumCount: maximumTickCount)
        } else {
            NiceTicks(
                covering: extent.map(Self.limited) ?? (axis.scale == .linear ? 0...1 : 1...10),
                scale: axis.scale, maximumCount: maximumTickCount
            )
        }
        self.ticks = ticks.ticks
        domain = ticks.domain
    }

    /// The position of `value` along the axis, 0 at the lower end and 1 at the upper end (beyond
    /// for values outside the domain), or `nil` for a value the scale cannot show.
    func fraction(of value: Double) -> Double? {
        guard axis.scale.canPlot(value) else { return nil }
        let low = axis.scale.transform(domain.lowerBound)
        let high = axis.scale.transform(domain.upperBound)
        let fraction = (axis.scale.transform(value) - low) / (high - low)
        return fraction.isFinite ? fraction : nil
    }

    /// `extent` limited to ±10³⁰⁷ (and, when positive, at least 10⁻³⁰⁷) so round ticks around it
    /// stay finite; data beyond is clipped like any point outside the axes.
    static func limited(_ extent: ClosedRange<Double>) -> ClosedRange<Double> {
        let limit = 1e307
        let clamp = { (value: Double) in
            min(max(value, -limit), limit)
        }
        let lower = extent.lowerBound > 0 ? max(extent.lowerBound, 1 / limit) : clamp(extent.lowerBound)
        return lower...max(lower, clamp(extent.upperBound))
    }

    /// The smallest range holding every value the scale can show, or `nil` if there is none.
    static func extent(of values: some Sequence<Double>) -> ClosedRange<Double>? {
        var low = Double.infinity
        var high = -Double.infinity
        for value in values {
            low = min(low, value)
            high = max(high, value)
        }
        return low <= high ? low...high : nil
    }
}
