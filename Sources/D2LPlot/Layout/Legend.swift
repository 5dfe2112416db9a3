/// A legend box: one row per named series, with a sample of its line and marker.
struct Legend: Sendable {
    static let fontSize = 13.0
    static let rowHeight = 20.0
    static let padding = 8.0
    static let sampleLength = 28.0
    /// The gap between the plot and a legend outside it.
    static let outsideGap = 12.0

    let entries: [(name: String, style: ResolvedStyle)]

    var width: Double {
        let widest = entries.map { TextMetrics.width(of: $0.name, size: Self.fontSize) }.max() ?? 0
        return Self.padding * 2 + Self.sampleLength + 8 + widest
    }

    var height: Double { Self.padding * 2 - 4 + Double(entries.count) * Self.rowHeight }

    /// The rows for the series with a name, styled as they are drawn from `cycle`.
    static func entries(for series: [Series], cycle: [Color]) -> [(name: String, style: ResolvedStyle)] {
        series.enumerated().compactMap { index, item in
            item.name.isEmpty ? nil : (item.name, ResolvedStyle(item.style, index: index, cycle: cycle))
        }
    }

    /// The width a legend of these entries takes to the right of a plot.
    static func outsideWidth(_ entries: [(name: String, style: ResolvedStyle)]) -> Double {
        entries.isEmpty ? 0 : Legend(entries: entries).width + outsideGap
    }

    /// The legend's elements for a plot occupying `plotRect`, or none without entries or when
    /// hidden. `best` picks the candidate box crossing the fewest obstacle segments and points.
    func elements(placement: LegendPlacement, plotRect: PixelRect, obstacles: [[PixelPoint]]) -> [SVGElement] {
        guard !entries.isEmpty, let box = box(placement, plotRect: plotRect, obstacles: obstacles) else { return [] }
        var elements: [SVGElement] = [
            .rect(
                x: box.x, y: box.y, width: box.width, height: box.height, fill: .white,
                stroke: Color(red: 204, green: 204, blue: 204), opacity: 0.85
            ),
        ]
        for (row, entry) in entries.enumerated() {
            let centerY = box.minY + Self.padding - 2 + (Double(row) + 0.5) * Self.rowHeight
            let start = PixelPoint(x: box.minX + Self.padding, y: centerY)
            let end = PixelPoint(x: start.x + Self.sampleLength, y: centerY)
            let style = entry.style
            if style.lineWidth > 0 {
                elements.append(.line(
                    from: start, to: end, stroke: style.color, width: style.lineWidth,
                    dash: style.dash.dashArray(width: style.lineWidth)
                ))
            }
            let middle = PixelPoint(x: (start.x + end.x) / 2, y: centerY)
            if let marker = style.marker.element(at: middle, size: style.markerSize, color: style.color) {
                elements.append(marker)
            }
            elements.append(.text(
                entry.name, at: PixelPoint(x: end.x + 8, y: centerY), size: Self.fontSize, anchor: .start
            ))
        }
        return [.group([("class", "legend")], elements)]
    }

    private func box(_ placement: LegendPlacement, plotRect: PixelRect, obstacles: [[PixelPoint]]) -> PixelRect? {
        let inset = 8.0
        let left = plotRect.minX + inset
        let right = plotRect.maxX - inset - width
        let top = plotRect.minY + inset
        let bottom = plotRect.maxY - inset - height
        let centerX = plotRect.minX + (plotRect.width - width) / 2
        let centerY = plotRect.minY + (plotRect.height - height) / 2
        func at(_ x: Double, _ y: Double) -> PixelRect { PixelRect(x: x, y: y, width: width, height: height) }
        switch placement {
        case .hidden: return nil
        case .upperRight: return at(right, top)
        case .upperLeft: return at(left, top)
        case .lowerLeft: return at(left, bottom)
        case .lowerRight: return at(right, bottom)
        case .outsideRight: return at(plotRect.maxX + Self.outsideGap, plotRect.minY)
        case .best:
            // matplotlib's order of preference when boxes tie.
            let candidates = [
                at(right, top), at(left, top), at(left, bottom), at(right, bottom), at(right, centerY),
                at(left, centerY), at(centerX, bottom), at(centerX, top), at(centerX, centerY),
            ]
            var best = candidates[0]
            var bestScore = Int.max
            for candidate in candidates {
                let score = Self.overlap(of: candidate, with: obstacles)
                if score < bestScore {
                    best = candidate
                    bestScore = score
                }
            }
            return best
        }
    }

    /// The number of obstacle points inside `box` plus the number of segments crossing it.
    private static func overlap(of box: PixelRect, with obstacles: [[PixelPoint]]) -> Int {
        var score = 0
        for polyline in obstacles {
            score += polyline.filter(box.contains).count
            for (a, b) in zip(polyline, polyline.dropFirst()) where box.clip(from: a, to: b) != nil {
                score += 1
            }
        }
        return score
    }
}
