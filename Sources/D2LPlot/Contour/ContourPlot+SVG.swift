extension ContourPlot {
    /// The plot as an SVG document: contour lines, level labels, paths, frame, legend, title.
    public func svg() -> String {
        func withGridRange(_ axis: Axis, _ positions: [Double]) -> Axis {
            var axis = axis
            if axis.range == nil { axis.range = positions[0]...positions[positions.count - 1] }
            return axis
        }
        let legendEntries = Legend.entries(for: paths, cycle: Color.pathCycle)
        let frame = PlotFrame(
            title: title, size: size, xAxis: withGridRange(xAxis, grid.x), yAxis: withGridRange(yAxis, grid.y),
            xExtent: nil, yExtent: nil,
            rightReserve: legend == .outsideRight ? Legend.outsideWidth(legendEntries) : 0
        )
        let drawn = frame.draw(paths, cycle: Color.pathCycle)
        var document = SVGDocument(size: size)
        document.append(contourElements(in: frame, avoiding: drawn.obstacles))
        document.append([.group([("class", "paths")], drawn.elements)])
        document.append(frame.frameElements())
        document.append(Legend(entries: legendEntries).elements(
            placement: legend, plotRect: frame.plotRect, obstacles: drawn.obstacles
        ))
        return document.rendered()
    }

    /// One group per level with its lines clipped to the plot, then the level labels if asked
    /// for, each placed on a vertex of its level's lines as far as possible from the plot's
    /// edges, the paths (`obstacles`) and the labels placed before it; a level with no room for
    /// its label inside the plot goes without.
    private func contourElements(in frame: PlotFrame, avoiding obstacles: [[PixelPoint]]) -> [SVGElement] {
        guard let lowest = levels.min(), let highest = levels.max() else { return [] }
        var lines: [SVGElement] = []
        var labels: [SVGElement] = []
        var avoided = obstacles.flatMap { $0 }
        for level in levels {
            let position = highest > lowest ? (level - lowest) / (highest - lowest) : 0.5
            let color = colormap.color(at: position)
            let runs = grid.contourLines(at: level).flatMap { line in
                frame.plotRect.clippedRuns(line.map(frame.pixel))
            }
            guard !runs.isEmpty else { continue }
            lines.append(.group([("class", "level")], runs.map { .polyline($0, stroke: color, width: 1.5) }))
            guard labelsLevels else { continue }
            let text = DecimalLabel.significant(level, digits: 4, trimsZeros: true)
            let halfWidth = TextMetrics.width(of: text, size: Self.labelFontSize) / 2 + 4
            let rect = frame.plotRect
            func edgeClearance(_ point: PixelPoint) -> Double {
                min(point.x - rect.minX - halfWidth, rect.maxX - point.x - halfWidth,
                    point.y - rect.minY - 10, rect.maxY - point.y - 10)
            }
            func clearance(_ point: PixelPoint) -> Double {
                let nearest = avoided.map { $0.distance(to: point) - halfWidth }.min() ?? .infinity
                return min(edgeClearance(point), nearest)
            }
            // Only where the label fits inside the plot.
            let candidates = runs.joined().filter { edgeClearance($0) >= 0 }
            guard let best = candidates.max(by: { clearance($0) < clearance($1) }) else { continue }
            avoided.append(best)
            labels.append(.text(text, at: best, size: Self.labelFontSize, color: color, halo: true))
        }
        return [.group([("class", "contours")], lines + labels)]
    }

    private static let labelFontSize = 11.0
}

extension PixelPoint {
    func distance(to other: PixelPoint) -> Double {
        ((other.x - x) * (other.x - x) + (other.y - y) * (other.y - y)).squareRoot()
    }
}
