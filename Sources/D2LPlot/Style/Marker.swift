/// The symbol drawn at each data point of a series.
public enum Marker: Hashable, Sendable, CaseIterable {
    /// No symbol: the points are only joined by the line.
    case none
    /// A filled disc (matplotlib `'o'`).
    case circle
    /// A filled square (matplotlib `'s'`).
    case square

    /// The symbol centred on `center`, `size` pixels across, or `nil` for ``none``.
    func element(at center: PixelPoint, size: Double, color: Color) -> SVGElement? {
        switch self {
        case .none:
            nil
        case .circle:
            SVGElement("circle", [
                ("cx", center.x.svgText), ("cy", center.y.svgText),
                ("r", (size / 2).svgText), ("fill", color.hex),
            ])
        case .square:
            .rect(
                x: center.x - size * 0.44, y: center.y - size * 0.44,
                width: size * 0.88, height: size * 0.88, fill: color
            )
        }
    }
}
