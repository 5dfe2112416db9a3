/// The dash pattern of a line.
public enum LineDash: Hashable, Sendable, CaseIterable {
    /// A continuous line (matplotlib `'-'`).
    case solid
    /// Long dashes (matplotlib `'--'`).
    case dashed
    /// Dots (matplotlib `':'`).
    case dotted
    /// Alternating dashes and dots (matplotlib `'-.'`).
    case dashDot

    /// The SVG `stroke-dasharray` for a line of `width`, or `nil` for a solid line.
    func dashArray(width: Double) -> String? {
        let unit = max(width, 1)
        let lengths: [Double] = switch self {
        case .solid: []
        case .dashed: [3.7, 1.6]
        case .dotted: [1, 1.65]
        case .dashDot: [6.4, 1.6, 1, 1.6]
        }
        return lengths.isEmpty ? nil : lengths.map { ($0 * unit).svgText }.joined(separator: " ")
    }
}
