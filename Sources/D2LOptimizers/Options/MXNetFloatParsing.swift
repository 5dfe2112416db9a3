import Foundation

/// How MXNet 1.x turns a Python float hyperparameter into the `Float` its operators use.
///
/// Python passes `str(value)` (the shortest round-trip form) to the operator, and dmlc-core's
/// `ParseFloat<float>` reads it: the integer digits and up to 19 fraction digits are combined in
/// `Float`, then scaled by powers of ten in `Float`. The result is often one unit in the last
/// place away from `Float(value)`; reproducing it is what makes the `mxnet` preset exact.
enum MXNetFloatParsing {
    /// The `Float` MXNet's operators see for the Python float `value`.
    ///
    /// An ``Optimizer`` converts each hyperparameter once and keeps the result (see
    /// `PreparedStep`), so the text round trip does not run at every step.
    static func float(_ value: Double) -> Float {
        guard value.isFinite else { return Float(value) }
        return parse(pythonRepresentation(value))
    }

    /// Python's `repr` of a finite double: shortest round-trip digits, exponent notation when
    /// the decimal exponent is below −4 or above 15 (`1e-05`, `3.535e-08`, `0.0001`, `1.0`).
    static func pythonRepresentation(_ value: Double) -> String {
        let sign = value.sign == .minus ? "-" : ""
        let text = "\(value.magnitude)"
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(of: "e") {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...])!
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        var digits = Array(parts[0] + (parts.count > 1 ? parts[1] : ""))
        var point = parts[0].count + exponent
        while digits.count > 1 && digits.first == "0" {
            digits.removeFirst()
            point -= 1
        }
        while digits.count > 1 && digits.last == "0" { digits.removeLast() }
        if digits == ["0"] { return sign + "0.0" }
        let body: String
        if point <= -4 || point > 16 {
            let rest = digits.count > 1 ? "." + String(digits.dropFirst()) : ""
            let power = point - 1
            let magnitude = String(abs(power))
            body = String(digits[0]) + rest + "e" + (power < 0 ? "-" : "+") + (magnitude.count < 2 ? "0" : "") + magnitude
        } else if point <= 0 {
            body = "0." + String(repeating: "0", count: -point) + String(digits)
        } else if point >= digits.count {
            body = String(digits) + String(repeating: "0", count: point - digits.count) + ".0"
        } else {
            body = String(digits[..<point]) + "." + String(digits[point...])
        }
        return sign + body
    }

    /// dmlc-core's `ParseFloat<float>` for the texts `pythonRepresentation` produces.
    static func parse(_ text: String) -> Float {
        let characters = Array(text.utf8)
        var position = 0
        var negative = false
        if position < characters.count, characters[position] == UInt8(ascii: "-") || characters[position] == UInt8(ascii: "+") {
            negative = characters[position] == UInt8(ascii: "-")
            position += 1
        }
        func digit(_ index: Int) -> UInt64? {
            guard index < characters.count, (48...57).contains(characters[index]) else { return nil }
            return UInt64(characters[index] - 48)
        }
        var integerPart: UInt64 = 0
        while let d = digit(position) {
            integerPart = integerPart &* 10 &+ d
            position += 1
        }
        var value = Float(integerPart)
        if position < characters.count, characters[position] == UInt8(ascii: ".") {
            position += 1
            var fraction: UInt64 = 0
            var scale: UInt64 = 1
            var count = 0
            while let d = digit(position) {
                if count < 19 {
                    fraction = fraction * 10 + d
                    scale *= 10
                }
                position += 1
                count += 1
            }
            value = value + Float(Double(fraction) / Double(scale))
        }
        if position < characters.count, characters[position] == UInt8(ascii: "e") || characters[position] == UInt8(ascii: "E") {
            position += 1
            let divide = characters[position] == UInt8(ascii: "-")
            if characters[position] == UInt8(ascii: "-") || characters[position] == UInt8(ascii: "+") { position += 1 }
            var exponent = 0
            while let d = digit(position) {
                exponent = exponent * 10 + Int(d)
                position += 1
            }
            var scale: Float = 1
            while exponent >= 8 {
                scale *= 1e8
                exponent -= 8
            }
            while exponent > 0 {
                scale *= 10
                exponent -= 1
            }
            value = divide ? value / scale : value * scale
        }
        return negative ? -value : value
    }
}
