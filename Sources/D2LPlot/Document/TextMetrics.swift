/// Estimates of text extents for layout, without access to fonts.
///
/// Widths are per-character averages of DejaVu Sans and Helvetica (the fonts the documents ask
/// for), erring wide so labels never collide or get clipped.
enum TextMetrics {
    /// The offset from a line's vertical centre to its baseline, in font sizes.
    static let centerToBaseline = 0.35

    /// The estimated width of `text` at `size` pixels.
    static func width(of text: String, size: Double) -> Double {
        var ems = 0.0
        for character in text {
            let characterWidth: Double = switch character {
            case "i", "j", "l", "'", "|", "!", ".", ",", ":", ";": 0.3
            case " ", "f", "t", "r", "(", ")", "[", "]", "-": 0.4
            case "m", "w", "M", "W", "—": 0.95
            case "0"..."9", "−", "+", "=", "×": 0.64
            case "⁰"..."⁹", "⁻", "¹", "²", "³": 0.42
            default: character.isUppercase ? 0.72 : 0.6
            }
            ems += characterWidth
        }
        return ems * size
    }
}
