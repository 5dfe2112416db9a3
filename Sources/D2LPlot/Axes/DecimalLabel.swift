import Foundation

/// Tick and cell labels built from integer digits: exact, locale-free, without float noise.
enum DecimalLabel {
    /// The minus sign used in labels (U+2212), as matplotlib writes it.
    static let minus = "\u{2212}"

    /// `integer × 10^exponent` with exactly `decimals` fraction digits; digits beyond
    /// them must be zeros (they are dropped).
    static func fixed(_ integer: Int, exponent: Int, decimals: Int) -> String {
        let shift = exponent + decimals
        var magnitude = integer.magnitude
        for _ in 0..<max(0, -shift) { magnitude /= 10 }
        var digits = String(magnitude) + String(repeating: "0", count: max(0, shift))
        if decimals > 0 {
            if digits.count <= decimals {
                digits = String(repeating: "0", count: decimals - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        return (integer < 0 ? minus : "") + digits
    }

    /// `integer × 10^exponent` as `d.dd×10ⁿ`, or `10ⁿ` when the significand is 1; `0` for zero.
    static func scientific(_ integer: Int, exponent: Int) -> String {
        guard integer != 0 else { return "0" }
        var magnitude = integer.magnitude
        var exponent = exponent
        while magnitude % 10 == 0 {
            magnitude /= 10
            exponent += 1
        }
        let digits = String(magnitude)
        let power = exponent + digits.count - 1
        let sign = integer < 0 ? minus : ""
        if digits == "1" { return sign + "10" + superscript(power) }
        let significand = digits.count == 1 ? digits : digits.prefix(1) + "." + digits.dropFirst()
        return sign + significand + "×10" + superscript(power)
    }

    /// A value rounded to `significantDigits` (1…15), in fixed notation for magnitudes from
    /// 10⁻³ to below 10⁵ and scientific notation otherwise (`0.245`, `1.5×10⁷`).
    ///
    /// - Parameter trimsZeros: Whether trailing zeros after the decimal point are dropped
    ///   (`2.5` rather than `2.50`).
    static func significant(_ value: Double, digits significantDigits: Int, trimsZeros: Bool = false) -> String {
        precondition(value.isFinite, "only finite values have digits")
        guard value != 0 else { return "0" }
        let digits = min(max(1, significantDigits), 15)
        var power = Int(log10(value.magnitude).rounded(.down))
        var exponent = power - digits + 1
        var integer = Int((value.magnitude / .powerOfTen(exponent)).rounded(.toNearestOrAwayFromZero))
        if integer >= Int(Double.powerOfTen(digits)) {
            integer /= 10
            power += 1
            exponent += 1
        }
        while trimsZeros, exponent < 0, integer % 10 == 0 {
            integer /= 10
            exponent += 1
        }
        let signed = value < 0 ? -integer : integer
        return (-3..<5).contains(power)
            ? fixed(signed, exponent: exponent, decimals: max(0, -exponent))
            : scientific(signed, exponent: exponent)
    }


    /// `n` in superscript digits, with the superscript minus for negatives.
    static func superscript(_ n: Int) -> String {
        let glyphs: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let body = String(String(n.magnitude).map { glyphs[Int(String($0))!] })
        return (n < 0 ? "⁻" : "") + body
    }
}
