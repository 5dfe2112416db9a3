extension Double {
    /// The value as a coordinate for SVG markup: at most two decimals, trailing zeros removed,
    /// ASCII minus, no exponent, independent of the locale (`12.5`, `-3`, `0.07`).
    ///
    /// Non-finite values never reach here: charts drop them before drawing.
    var svgText: String {
        decimalText(decimals: 2, trimsZeros: true, minus: "-")
    }

    /// Fixed-point text with `decimals` fraction digits, rounded half away from zero, built from
    /// integer digits so it is the same on every platform and in every locale.
    ///
    /// - Parameters:
    ///   - decimals: Fraction digits, 0 or more.
    ///   - trimsZeros: Whether trailing fraction zeros (and a bare point) are removed.
    ///   - minus: The sign written before negative numbers; `−` (U+2212) for labels.
    /// - Returns: The text; a value that rounds to zero is written without a sign. Magnitudes
    ///   whose scaled digits exceed 2⁵³ fall back to Swift's shortest round-trip description.
    func decimalText(decimals: Int, trimsZeros: Bool, minus: String) -> String {
        let scale = Double.powerOfTen(decimals)
        let scaled = (magnitude * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9_007_199_254_740_992 else { return "\(self)" }
        var digits = String(UInt64(scaled))
        if decimals > 0 {
            if digits.count <= decimals {
                digits = String(repeating: "0", count: decimals - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
            if trimsZeros {
                while digits.last == "0" { digits.removeLast() }
                if digits.last == "." { digits.removeLast() }
            }
        }
        let isZero = scaled == 0
        return (self < 0 && !isZero ? minus : "") + digits
    }

    /// 10 raised to `exponent`, exact for exponents 0…22 and correctly rounded for negative
    /// exponents down to −22 (one division by an exact power).
    static func powerOfTen(_ exponent: Int) -> Double {
        var power = 1.0
        for _ in 0..<min(abs(exponent), 308) { power *= 10 }
        return exponent >= 0 ? power : 1 / power
    }
}

extension Double {
    /// The double nearest to the decimal `integer × 10^exponent` (correctly rounded, as the
    /// standard library parses `"25e-2"`), so a tick at 0.3 is exactly the literal `0.3`.
    static func nearest(to integer: Int, exponent: Int) -> Double {
        Double("\(integer)e\(exponent)") ?? .nan
    }
}
