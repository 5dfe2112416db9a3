import D2LTestSupport
import D2LOptimizers

typealias DynamicQuantizationMapSign = DynamicQuantizationMap.Sign

/// `Tests/Fixtures/quantization/bitsandbytes-blockwise.json`, recorded by
/// `record_bitsandbytes.py`: bitsandbytes' dynamic maps and its CPU `quantize_blockwise` /
/// `dequantize_blockwise` (blocksize 256), every Float as its bit pattern.
struct BitsandbytesQuantizationFixture: Decodable {
    /// The two maps, as bit patterns.
    struct Maps: Decodable {
        let signed: [UInt32]
        let unsigned: [UInt32]
    }

    /// One input quantized with one map.
    struct Quantized: Decodable {
        let codes: [UInt8]
        let absmax: [UInt32]
        let dequantized: [UInt32]
    }

    /// One input and what bitsandbytes made of it with each map.
    struct Case: Decodable {
        let name: String
        let input: [UInt32]
        let signed: Quantized
        let unsigned: Quantized

        var values: [Float] { input.map(Float.init(bitPattern:)) }
    }

    let blocksize: Int
    let maps: Maps
    let mapsWithoutSIMD: Maps
    let cases: [Case]

    enum CodingKeys: String, CodingKey {
        case blocksize, maps, cases
        case mapsWithoutSIMD = "maps_without_simd"
    }

    static func load() throws -> Self {
        try Fixtures.decode(Self.self, from: "quantization/bitsandbytes-blockwise.json")
    }
}

extension BitsandbytesQuantizationFixture.Maps {
    subscript(sign: DynamicQuantizationMapSign) -> [UInt32] {
        sign == .signed ? signed : unsigned
    }
}

extension BitsandbytesQuantizationFixture.Case {
    subscript(sign: DynamicQuantizationMapSign) -> BitsandbytesQuantizationFixture.Quantized {
        sign == .signed ? signed : unsigned
    }
}
