/// A list of `Double` values that encodes each value as its IEEE 754 bit pattern, 16 hexadecimal
/// digits, so that it decodes bit for bit on every platform: no decimal rounding, signed zeros,
/// infinities and NaN payloads kept.
///
/// ```swift
/// let saved = ExactDoubles([0.1, -0.0, .infinity])
/// // encodes as ["3fb999999999999a", "8000000000000000", "7ff0000000000000"]
/// ```
///
/// Checkpoints and optimizer snapshots store parameters, losses and state this way: a resumed
/// run must continue from exactly the numbers it stopped at. `Float` values are stored through
/// `Double`, which holds every `Float` exactly.
public struct ExactDoubles: Sendable, Hashable, Codable, RandomAccessCollection {
    /// The values.
    public var values: [Double]

    /// Wraps `values`.
    public init(_ values: [Double]) {
        self.values = values
    }

    /// Wraps `values` of any floating-point type, converted exactly to `Double` (`Float` and
    /// `Double` convert exactly).
    public init<Scalar: BinaryFloatingPoint>(converting values: some Sequence<Scalar>) {
        self.values = values.map { Double($0) }
    }

    public var startIndex: Int { values.startIndex }
    public var endIndex: Int { values.endIndex }
    public subscript(position: Int) -> Double { values[position] }

    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        var values: [Double] = []
        if let count = container.count { values.reserveCapacity(Swift.min(count, 1 << 20)) }
        while !container.isAtEnd {
            let text = try container.decode(String.self)
            guard let bits = Self.bitPattern(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: "expected a Double's bit pattern as 16 hexadecimal digits, not \(String(text.prefix(40)).debugDescription)"
                )
            }
            values.append(Double(bitPattern: bits))
        }
        self.values = values
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        for value in values {
            try container.encode(Self.hexadecimal(value.bitPattern))
        }
    }

    /// The 16 lowercase hexadecimal digits of `bits`.
    static func hexadecimal(_ bits: UInt64) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8](repeating: 0, count: 16)
        for index in 0..<16 {
            text[index] = digits[Int((bits >> UInt64(60 - 4 * index)) & 0xf)]
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The bits spelled by exactly 16 hexadecimal digits, or `nil`.
    static func bitPattern(_ text: String) -> UInt64? {
        let utf8 = text.utf8
        guard utf8.count == 16 else { return nil }
        var bits: UInt64 = 0
        for byte in utf8 {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            bits = bits << 4 | UInt64(digit)
        }
        return bits
    }
}

extension ExactDoubles {
    /// The values converted to `Scalar`, or `nil` if one of them is not exactly representable in
    /// it (a `Double` value restored into `Float` state, say). NaN converts to NaN.
    public func exactly<Scalar: BinaryFloatingPoint>(as _: Scalar.Type) -> [Scalar]? {
        var converted: [Scalar] = []
        converted.reserveCapacity(values.count)
        for value in values {
            let scalar = Scalar(value)
            guard value.isNaN || Double(scalar) == value else { return nil }
            converted.append(scalar)
        }
        return converted
    }
}
