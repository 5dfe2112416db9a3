/// Where a text's `x` lies relative to the text.
enum TextAnchor: String {
    case start, middle, end
}

extension SVGElement {
    /// A group of elements sharing attributes (presentation defaults, a class for styling).
    static func group(_ attributes: [(name: String, value: String)] = [], _ children: [SVGElement]) -> SVGElement {
        SVGElement("g", attributes, children: children)
    }

    /// A filled rectangle, optionally outlined.
    static func rect(
        x: Double, y: Double, width: Double, height: Double,
        fill: Color?, stroke: Color? = nil, strokeWidth: Double = 1, opacity: Double = 1
    ) -> SVGElement {
        var attributes: [(name: String, value: String)] = [
            ("x", x.svgText), ("y", y.svgText), ("width", width.svgText), ("height", height.svgText),
            ("fill", fill?.hex ?? "none"),
        ]
        if opacity < 1 { attributes.append(("fill-opacity", opacity.svgText)) }
        if let stroke {
            attributes += [("stroke", stroke.hex), ("stroke-width", strokeWidth.svgText)]
        }
        return SVGElement("rect", attributes)
    }

    /// A straight line.
    static func line(
        from a: PixelPoint, to b: PixelPoint, stroke: Color, width: Double, dash: String? = nil
    ) -> SVGElement {
        var attributes: [(name: String, value: String)] = [
            ("x1", a.x.svgText), ("y1", a.y.svgText), ("x2", b.x.svgText), ("y2", b.y.svgText),
            ("stroke", stroke.hex), ("stroke-width", width.svgText),
        ]
        if let dash { attributes.append(("stroke-dasharray", dash)) }
        return SVGElement("line", attributes)
    }

    /// An unfilled polyline with round joins.
    static func polyline(_ points: [PixelPoint], stroke: Color, width: Double, dash: String? = nil) -> SVGElement {
        var attributes: [(name: String, value: String)] = [
            ("points", points.map { $0.x.svgText + "," + $0.y.svgText }.joined(separator: " ")),
            ("fill", "none"), ("stroke", stroke.hex), ("stroke-width", width.svgText),
            ("stroke-linejoin", "round"), ("stroke-linecap", "round"),
        ]
        if let dash { attributes.append(("stroke-dasharray", dash)) }
        return SVGElement("polyline", attributes)
    }

    /// A line of text whose baseline is placed so that `y` is its vertical centre.
    ///
    /// - Parameters:
    ///   - rotation: Degrees, clockwise, about the anchor point (−90 for a vertical axis label).
    ///   - halo: A white outline behind the glyphs, for labels drawn over lines.
    static func text(
        _ content: String, at point: PixelPoint, size: Double, anchor: TextAnchor = .middle,
        color: Color = .ink, rotation: Double = 0, weight: String? = nil, halo: Bool = false
    ) -> SVGElement {
        let baseline = point.y + TextMetrics.centerToBaseline * size
        var attributes: [(name: String, value: String)] = [
            ("x", point.x.svgText), ("y", baseline.svgText),
            ("font-size", size.svgText), ("text-anchor", anchor.rawValue), ("fill", color.hex),
        ]
        if let weight { attributes.append(("font-weight", weight)) }
        if rotation != 0 {
            attributes.append(("transform", "rotate(\(rotation.svgText) \(point.x.svgText) \(point.y.svgText))"))
        }
        if halo {
            attributes += [
                ("stroke", Color.white.hex), ("stroke-width", "3"),
                ("stroke-linejoin", "round"), ("paint-order", "stroke"),
            ]
        }
        return SVGElement("text", attributes, text: content)
    }
}
