/// The layout shared by charts with two numeric axes: margins sized to the tick labels, the
/// plot rectangle, the data-to-pixel mapping, and the frame, ticks, labels, grid and title.
struct PlotFrame: Sendable {
    static let tickFontSize = 13.0
    static let labelFontSize = 15.0
    static let titleFontSize = 16.0
    static let tickLength = 5.0
    static let gridColor = Color(red: 221, green: 221, blue: 221)

    let title: String
    let size: PlotSize
    /// The area inside the axes, where data is drawn.
    let plotRect: PixelRect
    let x: ResolvedAxis
    let y: ResolvedAxis

    /// Lays out a frame.
    ///
    /// - Parameters:
    ///   - xExtent, yExtent: The ranges of the drawable data, `nil` without any.
    ///   - rightReserve: Width kept free on the right (for a legend outside the plot).
    init(
        title: String, size: PlotSize, xAxis: Axis, yAxis: Axis,
        xExtent: ClosedRange<Double>?, yExtent: ClosedRange<Double>?, rightReserve: Double = 0
    ) {
        self.title = title
        self.size = size
        let top = title.isEmpty ? 16 : 20 + Self.titleFontSize + 14
        let bottom = Self.tickLength + 6 + Self.tickFontSize + (xAxis.label.isEmpty ? 12 : 12 + Self.labelFontSize + 10)
        let plotHeight = max(40, size.height - top - bottom)
        let y = ResolvedAxis(yAxis, extent: yExtent, maximumTickCount: Self.tickCount(for: plotHeight, spacing: 48))
        let widestYLabel = y.ticks.map { TextMetrics.width(of: $0.label, size: Self.tickFontSize) }.max() ?? 0
        let left = 12 + (yAxis.label.isEmpty ? 0 : Self.labelFontSize + 12) + widestYLabel + Self.tickLength + 6

        var right = 20 + rightReserve
        var plotWidth = max(40, size.width - left - right)
        var x = ResolvedAxis(xAxis, extent: xExtent, maximumTickCount: Self.tickCount(for: plotWidth, spacing: 80))
        // Fewer ticks while their labels would crowd each other.
        var count = x.ticks.count
        while count > 2, Self.crowded(x.ticks, width: plotWidth) {
            count -= 1
            x = ResolvedAxis(xAxis, extent: xExtent, maximumTickCount: count)
        }
        // Room for half of the last label when it sits on the right edge.
        let lastHalfWidth = (x.ticks.last.map { TextMetrics.width(of: $0.label, size: Self.tickFontSize) } ?? 0) / 2
        if lastHalfWidth + 6 > right - rightReserve {
            right = lastHalfWidth + 6 + rightReserve
            plotWidth = max(40, size.width - left - right)
        }
        self.x = x
        self.y = y
        plotRect = PixelRect(x: left, y: top, width: plotWidth, height: plotHeight)
    }

    private static func tickCount(for length: Double, spacing: Double) -> Int {
        min(9, max(3, Int(length / spacing) + 1))
    }

    private static func crowded(_ ticks: [Tick], width: Double) -> Bool {
        let widest = ticks.map { TextMetrics.width(of: $0.label, size: tickFontSize) }.max() ?? 0
        return Double(ticks.count) * (widest + 14) > width
    }

    /// The pixel position of a data point, or `nil` if either coordinate cannot be drawn
    /// (non-finite, or not positive on a logarithmic axis).
    func pixel(_ point: PlotPoint) -> PixelPoint? {
        guard let fx = x.fraction(of: point.x), let fy = y.fraction(of: point.y) else { return nil }
        return PixelPoint(x: plotRect.minX + fx * plotRect.width, y: plotRect.maxY - fy * plotRect.height)
    }

    /// Light grid lines at the ticks, drawn under the data.
    func gridElements() -> [SVGElement] {
        let vertical = x.ticks.compactMap { tick in
            x.fraction(of: tick.value).map { fraction in
                let px = plotRect.minX + fraction * plotRect.width
                return SVGElement.line(
                    from: PixelPoint(x: px, y: plotRect.minY), to: PixelPoint(x: px, y: plotRect.maxY),
                    stroke: Self.gridColor, width: 0.8
                )
            }
        }
        let horizontal = y.ticks.compactMap { tick in
            y.fraction(of: tick.value).map { fraction in
                let py = plotRect.maxY - fraction * plotRect.height
                return SVGElement.line(
                    from: PixelPoint(x: plotRect.minX, y: py), to: PixelPoint(x: plotRect.maxX, y: py),
                    stroke: Self.gridColor, width: 0.8
                )
            }
        }
        return [.group([("class", "grid")], vertical + horizontal)]
    }

    /// The frame around the plot, outward ticks with their labels, the axis labels and the
    /// title, drawn over the data.
    func frameElements() -> [SVGElement] {
        var marks: [SVGElement] = []
        var labels: [SVGElement] = []
        for tick in x.ticks {
            guard let fraction = x.fraction(of: tick.value) else { continue }
            let px = plotRect.minX + fraction * plotRect.width
            marks.append(.line(
                from: PixelPoint(x: px, y: plotRect.maxY), to: PixelPoint(x: px, y: plotRect.maxY + Self.tickLength),
                stroke: .ink, width: 1
            ))
            let labelCenter = plotRect.maxY + Self.tickLength + 4 + Self.tickFontSize / 2
            labels.append(.text(tick.label, at: PixelPoint(x: px, y: labelCenter), size: Self.tickFontSize))
        }
        for tick in y.ticks {
            guard let fraction = y.fraction(of: tick.value) else { continue }
            let py = plotRect.maxY - fraction * plotRect.height
            marks.append(.line(
                from: PixelPoint(x: plotRect.minX - Self.tickLength, y: py), to: PixelPoint(x: plotRect.minX, y: py),
                stroke: .ink, width: 1
            ))
            labels.append(.text(
                tick.label, at: PixelPoint(x: plotRect.minX - Self.tickLength - 4, y: py),
                size: Self.tickFontSize, anchor: .end
            ))
        }
        var elements: [SVGElement] = [
            .rect(
                x: plotRect.x, y: plotRect.y, width: plotRect.width, height: plotRect.height,
                fill: nil, stroke: .ink, strokeWidth: 1
            ),
            .group([("class", "ticks")], marks),
            .group([("class", "tick-labels")], labels),
        ]
        elements += axisLabelElements()
        if !title.isEmpty {
            elements.append(.text(
                title, at: PixelPoint(x: plotRect.minX + plotRect.width / 2, y: 20 + Self.titleFontSize / 2),
                size: Self.titleFontSize, weight: "bold"
            ))
        }
        return elements
    }

    private func axisLabelElements() -> [SVGElement] {
        var elements: [SVGElement] = []
        if !x.axis.label.isEmpty {
            let center = PixelPoint(
                x: plotRect.minX + plotRect.width / 2,
                y: plotRect.maxY + Self.tickLength + 6 + Self.tickFontSize + 10 + Self.labelFontSize / 2
            )
            elements.append(.text(x.axis.label, at: center, size: Self.labelFontSize))
        }
        if !y.axis.label.isEmpty {
            let center = PixelPoint(x: 12 + Self.labelFontSize / 2, y: plotRect.minY + plotRect.height / 2)
            elements.append(.text(y.axis.label, at: center, size: Self.labelFontSize, rotation: -90))
        }
        return elements
    }
}
