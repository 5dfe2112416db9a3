extension HeatmapCell {
    /// The kinds of cell that are not values, in the order the key lists them.
    static let markedKinds: [HeatmapCell] = [.diverged, .stalled, .missing]

    /// The word written in a cell of this kind, and in the key.
    var markLabel: String {
        switch self {
        case .value: ""
        case .diverged: "diverged"
        case .stalled: "stalled"
        case .missing: "n/a"
        }
    }

    /// The background of a cell of this kind (values are coloured by the colour map).
    var markFill: Color {
        switch self {
        case .diverged: Color(red: 251, green: 227, blue: 227)
        case .stalled: Color(red: 236, green: 236, blue: 236)
        case .value, .missing: .white
        }
    }

    /// The colour of the hatching and the label; `nil` hatching for unhatched kinds.
    var markInk: (hatch: Color?, text: Color) {
        switch self {
        case .diverged: (Color(red: 214, green: 39, blue: 40), Color(red: 165, green: 15, blue: 21))
        case .stalled: (Color(red: 150, green: 150, blue: 150), Color(red: 80, green: 80, blue: 80))
        case .value, .missing: (nil, Color(red: 119, green: 119, blue: 119))
        }
    }

    /// The background, hatching and outline of a marked cell filling `rect`.
    func markElements(in rect: PixelRect) -> [SVGElement] {
        var elements: [SVGElement] = [
            .rect(
                x: rect.x, y: rect.y, width: rect.width, height: rect.height, fill: markFill,
                stroke: self == .missing ? Color(red: 204, green: 204, blue: 204) : nil
            ),
        ]
        if let hatch = markInk.hatch {
            elements.append(Self.hatching(rect, color: hatch))
        }
        return elements
    }

    /// Diagonal lines 6 pixels apart, clipped to `rect`, as one path.
    private static func hatching(_ rect: PixelRect, color: Color) -> SVGElement {
        var path = ""
        for offset in stride(from: -rect.height, to: rect.width, by: 6) {
            let start = PixelPoint(x: rect.minX + offset, y: rect.maxY)
            let end = PixelPoint(x: rect.minX + offset + rect.height, y: rect.minY)
            guard let (t0, t1) = rect.clip(from: start, to: end), t1 > t0 else { continue }
            let a = start.interpolated(to: end, fraction: t0)
            let b = start.interpolated(to: end, fraction: t1)
            path += (path.isEmpty ? "" : " ") + "M\(a.x.svgText) \(a.y.svgText)L\(b.x.svgText) \(b.y.svgText)"
        }
        return SVGElement("path", [("d", path), ("fill", "none"), ("stroke", color.hex), ("stroke-width", "1")])
    }
}
