import D2LOptimizers
import D2LTestSupport
import Testing

/// The dynamic maps and blockwise quantization against values recorded from bitsandbytes.
@Suite("Quantization: bitsandbytes fixtures")
struct QuantizationFixtureTests {
    @Test("the dynamic maps computed in Swift equal bitsandbytes' bit for bit", arguments: DynamicQuantizationMap.Sign.allCases)
    func maps(sign: DynamicQuantizationMap.Sign) throws {
        let fixture = try BitsandbytesQuantizationFixture.load()
        let values = DynamicQuantizationMap(sign).values
        #expect(values.count == 256)
        #expect(values.map(\.bitPattern) == fixture.maps[sign])
        #expect(values == values.sorted() && values.last == 1)
    }

    @Test("torch without SIMD rounds some map values one or two units in the last place apart", arguments: DynamicQuantizationMap.Sign.allCases)
    func mapsWithoutSIMD(sign: DynamicQuantizationMap.Sign) throws {
        let fixture = try BitsandbytesQuantizationFixture.load()
        let distances = zip(fixture.maps[sign], fixture.mapsWithoutSIMD[sign]).map { abs(Int64(Int32(bitPattern: $0)) - Int64(Int32(bitPattern: $1))) }
        #expect(distances.contains { $0 > 0 })
        #expect(distances.allSatisfy { $0 <= 2 })
    }

    @Test("codes, absmax and dequantized values equal bitsandbytes' for every recorded input", arguments: DynamicQuantizationMap.Sign.allCases)
    func blockwise(sign: DynamicQuantizationMap.Sign) throws {
        let fixture = try BitsandbytesQuantizationFixture.load()
        #expect(fixture.blocksize == QuantizedBuffer.blockSize)
        for recorded in fixture.cases {
            let buffer = QuantizedBuffer(recorded.values, map: DynamicQuantizationMap(sign))
            let expected = recorded[sign]
            #expect(buffer.codes == expected.codes, "\(recorded.name), \(sign): codes")
            #expect(buffer.absmax.map(\.bitPattern) == expected.absmax, "\(recorded.name), \(sign): absmax")
            #expect(buffer.dequantized().map(\.bitPattern) == expected.dequantized, "\(recorded.name), \(sign): dequantized")
        }
    }

    @Test("saved codes and absmax dequantize to bitsandbytes' values", arguments: DynamicQuantizationMap.Sign.allCases)
    func restored(sign: DynamicQuantizationMap.Sign) throws {
        let fixture = try BitsandbytesQuantizationFixture.load()
        for recorded in fixture.cases where recorded.name != "nonfinite" {
            let expected = recorded[sign]
            let buffer = try QuantizedBuffer(codes: expected.codes, absmax: expected.absmax.map(Float.init(bitPattern:)), map: DynamicQuantizationMap(sign))
            var values = [Float](repeating: .nan, count: buffer.count)
            try buffer.dequantize(into: &values)
            #expect(values.map(\.bitPattern) == expected.dequantized, "\(recorded.name), \(sign)")
        }
    }

    @Test("the result does not depend on the thread count", arguments: [1, 2, 3, 8])
    func threads(count: Int) throws {
        let fixture = try BitsandbytesQuantizationFixture.load()
        let values = (0..<40).flatMap { round in fixture.cases[0].values.map { $0 * Float(round + 1) } }
        let serial = KernelParallelism.$current.withValue(KernelParallelism(maximumThreads: 1)) {
            QuantizedBuffer(values, map: .signed, rounding: .stochastic(seed: 7, step: 3))
        }
        let parallel = KernelParallelism.$current.withValue(KernelParallelism(maximumThreads: count, minimumElementsPerThread: 4096)) {
            QuantizedBuffer(values, map: .signed, rounding: .stochastic(seed: 7, step: 3))
        }
        #expect(parallel == serial)
        #expect(parallel.dequantized() == serial.dequantized())
    }
}

/// The per-block step a fused kernel takes: dequantize, update, requantize.
@Suite("Quantization: block update")
struct BlockUpdateTests {
    @Test("updating every block in place equals quantizing the updated values anew", arguments: DynamicQuantizationMap.Sign.allCases)
    func update(sign: DynamicQuantizationMap.Sign) throws {
        let map = DynamicQuantizationMap(sign)
        let values = (0..<700).map { Float(($0 * 37) % 101) * 0.01 - (sign == .signed ? 0.5 : 0) }
        let rounding = QuantizationRounding.stochastic(seed: 3, step: 1)
        var buffer = QuantizedBuffer(values, map: map)
        let expected = QuantizedBuffer(buffer.dequantized().map { $0 * 0.9 + 0.01 }, map: map, rounding: rounding)
        var codes = buffer.codes
        var absmax = buffer.absmax
        map.withBlockCodec { codec in
            codes.withUnsafeMutableBufferPointer { codes in
                for block in absmax.indices {
                    let elements = block * 256..<Swift.min((block + 1) * 256, codes.count)
                    codec.update(UnsafeMutableBufferPointer(rebasing: codes[elements]), absmax: &absmax[block], rounding: rounding, firstIndex: elements.lowerBound) { state in
                        for i in state.indices { state[i] = state[i] * 0.9 + 0.01 }
                    }
                }
            }
        }
        buffer = try QuantizedBuffer(codes: codes, absmax: absmax, map: map)
        #expect(buffer == expected)
    }
}
