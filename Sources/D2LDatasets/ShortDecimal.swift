/// Reads short plain decimal numbers, such as `0.3048` or `-126.201`, without `strtod`.
///
/// A field of at most 15 digits, with an optional sign and decimal point and no exponent, is an
/// integer m < 10¹⁵ < 2⁵³ divided by 10ᵏ with k ≤ 15. Both are exact as `Double`s, so one IEEE
/// division rounds the quotient correctly: the result is the `Double` that `Double(String)`
/// (a correctly rounded `strtod`) gives for the same text, bit for bit, negative zero included.
/// This is Clinger's fast path; every other field is left to `Double(String)`.
enum ShortDecimal {
    /// The most digits a field may have: 10¹⁵ − 1 is below 2⁵³, so the digits form an exact `Double`.
    static let maximumDigits = 15

    /// 10⁰ … 10¹⁵, each exact.
    private static let powersOfTen: [Double] = [
        1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ]

    /// The value of `field` if it spells `[+-]? digits [. digits]` (or `[+-]? . digits`) with at
    /// most ``maximumDigits`` digits in all; `nil` for anything else.
    static func value(of field: ArraySlice<UInt8>) -> Double? {
        var position = field.startIndex
        var isNegative = false
        if position < field.endIndex, field[position] == UInt8(ascii: "+") || field[position] == UInt8(ascii: "-") {
            isNegative = field[position] == UInt8(ascii: "-")
            position += 1
        }
        var digits: UInt64 = 0
        var digitCount = 0
        var fractionDigitCount = 0
        var hasPoint = false
        while position < field.endIndex {
            let byte = field[position]
            if UInt8(ascii: "0") <= byte && byte <= UInt8(ascii: "9") {
                digitCount += 1
                guard digitCount <= maximumDigits else { return nil }
                digits = digits * 10 + UInt64(byte - UInt8(ascii: "0"))
                if hasPoint { fractionDigitCount += 1 }
            } else if byte == UInt8(ascii: "."), !hasPoint {
                hasPoint = true
            } else {
                return nil
            }
            position += 1
        }
        guard digitCount > 0 else { return nil }
        let magnitude = Double(digits) / powersOfTen[fractionDigitCount]
        return isNegative ? -magnitude : magnitude
    }
}
