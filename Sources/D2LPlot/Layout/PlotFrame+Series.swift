/// The drawing of a list of series in a frame, with the shapes a legend should avoid.
struct DrawnSeries: Sendable {
    /// Lines, then markers on top, clipped to the plot.
    var elements: [SVGElement] = []
    /// The drawn lines and marker positions, which a legend placed `best` avoids.
    var obstacles: [[PixelPoint]] = []
}

extension PlotFrame {
    /// The union of the drawable points' coordinates along each axis.
    static func extents(
        of series: [Series], xScale: AxisScale, yScale: AxisScale
    ) -> (x: ClosedRange<Double>?, y: ClosedRange<Double>?) {
        let drawable = series.flatMap(\.points).filter { xScale.canPlot($0.x) && yScale.canPlot($0.y) }
        return (ResolvedAxis.extent(of: drawable.map(\.x)), ResolvedAxis.extent(of: drawable.map(\.y)))
    }

    /// Draws `series` in order, taking unset colours from `cycle`.
    func draw(_ series: [Series], cycle: [Color]) -> DrawnSeries {
        var drawn = DrawnSeries()
        var markers: [SVGElement] = []
        for (index, item) in series.enumerated() {
            let style = ResolvedStyle(item.style, index: index, cycle: cycle)
            let pixels = item.points.map(pixel)
            let runs = plotRect.clippedRuns(pixels)
            if style.lineWidth > 0 {
                let dash = style.dash.dashArray(width: style.lineWidth)
                drawn.elements += runs.map { .polyline($0, stroke: style.color, width: style.lineWidth, dash: dash) }
            }
            let inside = pixels.compactMap { $0 }.filter(plotRect.contains)
            markers += inside.compactMap { style.marker.element(at: $0, size: style.markerSize, color: style.color) }
            drawn.obstacles += runs + inside.map { [$0] }
        }
        drawn.elements += markers
        return drawn
    }
}
