import Foundation

extension QuantizedStateSlot {
    private enum CodingKeys: String, CodingKey {
        case sign, codes, absmax
    }

    /// Reads the form ``encode(to:)`` writes.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sign = try container.decode(DynamicQuantizationMap.Sign.self, forKey: .sign)
        guard let codes = Data(base64Encoded: try container.decode(String.self, forKey: .codes)) else {
            throw DecodingError.dataCorruptedError(forKey: .codes, in: container, debugDescription: "expected base64 codes")
        }
        self.codes = [UInt8](codes)
        guard let absmax = Data(base64Encoded: try container.decode(String.self, forKey: .absmax)), absmax.count % 4 == 0 else {
            throw DecodingError.dataCorruptedError(forKey: .absmax, in: container, debugDescription: "expected base64 little-endian Float bit patterns")
        }
        let bytes = [UInt8](absmax)
        self.absmax = stride(from: 0, to: bytes.count, by: 4).map { i in
            Float(bitPattern: UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24)
        }
    }

    /// The map's sign, the codes in base64, and the absmax values' bit patterns, little-endian,
    /// in base64: compact and exact.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sign, forKey: .sign)
        try container.encode(Data(codes).base64EncodedString(), forKey: .codes)
        var bytes = [UInt8]()
        bytes.reserveCapacity(4 * absmax.count)
        for value in absmax {
            let bits = value.bitPattern
            bytes += [UInt8(truncatingIfNeeded: bits), UInt8(truncatingIfNeeded: bits >> 8), UInt8(truncatingIfNeeded: bits >> 16), UInt8(truncatingIfNeeded: bits >> 24)]
        }
        try container.encode(Data(bytes).base64EncodedString(), forKey: .absmax)
    }
}
