import CD2LMath
@testable import D2LOptimizers
import D2LTensor
import Testing

/// The branch-free nearest rounding against the scalar search it replaces.
@Suite("branch-free nearest rounding")
struct NearestCodeTableTests {
    /// Every threshold, map value and midpoint, each ± up to 2 units in the last place, of
    /// either sign; the special values; and every 1,021st `Float` bit pattern in [−1.001, 1.001].
    static func probes(_ sign: DynamicQuantizationMap.Sign) -> [Float] {
        let map = DynamicQuantizationMap(sign)
        var centres = map.values + map.tables.nearest.thresholds.filter(\.isFinite)
        centres += (0..<255).map { 0.5 * (map.values[$0] + map.values[$0 + 1]) }
        centres += (0..<NearestCodeTable.bucketCount).map(NearestCodeTable.start(ofBucket:))
        centres += map.tables.nearest.estimate.split.filter(\.isFinite)
        var probes: [Float] = [0, -0.0, .nan, -.nan, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                               .greatestFiniteMagnitude, Float(1).nextUp, Float(-1).nextDown, Float(0x1p-24), Float(0x1p-25)]
        for centre in centres {
            var (down, up) = (centre, centre)
            probes += [centre, -centre]
            for _ in 0..<2 {
                down = down.nextDown
                up = up.nextUp
                probes += [down, up, -down, -up]
            }
        }
        let limit = Float(1.001).bitPattern
        for bits in stride(from: UInt32(0), through: limit, by: 1_021) {
            probes += [Float(bitPattern: bits), -Float(bitPattern: bits)]
        }
        return probes
    }

    /// The portable loop and, where the processor has them, the vector loops.
    static let instructionSets =
        d2l_available_instruction_set(D2L_INSTRUCTION_SET_WIDEST) == D2L_INSTRUCTION_SET_AVX512_VBMI
            ? [D2L_INSTRUCTION_SET_BASELINE, D2L_INSTRUCTION_SET_AVX512_VBMI] : [D2L_INSTRUCTION_SET_BASELINE]

    @Test(
        "the same code as the scalar search for every probe, with every instruction set",
        arguments: DynamicQuantizationMap.Sign.allCases, instructionSets)
    func equalsScalarSearch(sign: DynamicQuantizationMap.Sign, instructionSet: d2l_instruction_set) {
        let probes = Self.probes(sign)
        var codes = [UInt8](repeating: 0, count: probes.count)
        var mismatches: [(Float, UInt8, UInt8)] = []
        DynamicQuantizationMap(sign).withBlockCodec { codec in
            probes.withUnsafeBufferPointer { values in
                codes.withUnsafeMutableBufferPointer { codes in codec.quantizeNearest(values, inverse: 1, into: codes, instructionSet: instructionSet) }
            }
            for (v, code) in zip(probes, codes) where code != codec.nearestCode(normalized: v) {
                mismatches.append((v, code, codec.nearestCode(normalized: v)))
            }
        }
        #expect(probes.count > 2_000_000)
        #expect(mismatches.isEmpty, "first mismatches (value, table, search): \(mismatches.prefix(5))")
    }

    @Test("whole blocks quantize as before: codes of the scalar search, the same absmax", arguments: DynamicQuantizationMap.Sign.allCases)
    func blocks(sign: DynamicQuantizationMap.Sign) {
        var generator = Xoshiro256StarStar(seed: 11)
        let values = Tensor<Float>.randomNormal(shape: [256 * 40], using: &generator).scalars.enumerated().map { index, value in
            value * Float(1 << (index % 24)) * 0x1p-20
        }
        let buffer = QuantizedBuffer(values, map: DynamicQuantizationMap(sign), rounding: .nearest)
        DynamicQuantizationMap(sign).withBlockCodec { codec in
            for block in 0..<buffer.blockCount {
                let part = values[block * 256..<(block + 1) * 256]
                let absmax = part.map(abs).max()!
                #expect(buffer.absmax[block] == absmax)
                for (v, code) in zip(part, buffer.codes[block * 256..<(block + 1) * 256]) {
                    #expect(code == codec.nearestCode(normalized: v * (1 / absmax)))
                }
            }
        }
    }

    @Test(
        "dequantizing reads map[q] · absmax for every code and length, with every instruction set",
        arguments: DynamicQuantizationMap.Sign.allCases, instructionSets)
    func dequantizes(sign: DynamicQuantizationMap.Sign, instructionSet: d2l_instruction_set) {
        let codes = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        DynamicQuantizationMap(sign).withBlockCodec { codec in
            for count in [0, 1, 15, 16, 17, 63, 64, 65, 255, 256, 300] {
                var block = [Float](repeating: .nan, count: count)
                codes.prefix(count).withUnsafeBufferPointer { codes in
                    block.withUnsafeMutableBufferPointer { codec.dequantize(codes, absmax: 0.37, into: $0, instructionSet: instructionSet) }
                }
                #expect(block == codes.prefix(count).map { codec.values[Int($0)] * 0.37 }, "\(count) codes")
            }
        }
    }

    @Test("blocks of every length quantize alike with every instruction set", arguments: DynamicQuantizationMap.Sign.allCases)
    func lengths(sign: DynamicQuantizationMap.Sign) {
        var generator = Xoshiro256StarStar(seed: 5)
        let values = Tensor<Float>.randomNormal(shape: [300], using: &generator).scalars
        DynamicQuantizationMap(sign).withBlockCodec { codec in
            for count in [1, 15, 16, 17, 63, 64, 65, 255, 256, 300] {
                let results = Self.instructionSets.map { instructionSet in
                    var codes = [UInt8](repeating: 0xAA, count: count + 1)
                    values.prefix(count).withUnsafeBufferPointer { values in
                        codes.withUnsafeMutableBufferPointer {
                            codec.quantizeNearest(values, inverse: 0.25, into: UnsafeMutableBufferPointer(rebasing: $0[..<count]), instructionSet: instructionSet)
                        }
                    }
                    return codes
                }
                #expect(results.allSatisfy { $0 == results[0] && $0.last == 0xAA }, "\(count) values")
                #expect(results[0].prefix(count).elementsEqual(values.prefix(count).map { codec.nearestCode(normalized: $0 * 0.25) }))
            }
        }
    }

    @Test("absmax skips NaN and takes magnitudes, with every instruction set", arguments: instructionSets)
    func absmax(instructionSet: d2l_instruction_set) {
        var values: [Float] = (0..<300).map { Float($0 % 17) - 8.5 }
        values[40] = -99
        values[41] = .nan
        values[299] = -.infinity
        DynamicQuantizationMap(.signed).withBlockCodec { codec in
            for count in [0, 1, 15, 16, 17, 41, 42, 299, 300] {
                let expected = values.prefix(count).filter { !$0.isNaN }.map(abs).max() ?? 0
                let absmax = values.prefix(count).withUnsafeBufferPointer { codec.absmax(of: $0, instructionSet: instructionSet) }
                #expect(absmax == expected, "\(count) values")
            }
        }
    }
}
