import D2LOptimizers
import PropertyBased
import Testing

/// Error bounds and the choice of map, on random buffers.
@Suite("Quantization: properties")
struct QuantizationPropertyTests {
    /// Values of either sign spanning many orders of magnitude: ±m · 10^e.
    static let values = zip(Gen.float(in: 0.1...1), Gen.int(in: -12...6), Gen.bool)
        .map { (draw: (Float, Int, Bool)) -> Float in (draw.2 ? -1 : 1) * draw.0 * Float(pow10(draw.1)) }
        .array(of: 1...700)

    /// Non-negative values like a mean square: g² with |g| in 10^(−6 … 2).
    static let squares = zip(Gen.float(in: 0.1...1), Gen.int(in: -6...2))
        .map { (draw: (Float, Int)) -> Float in
            let gradient = draw.0 * Float(pow10(draw.1))
            return gradient * gradient
        }
        .array(of: 256...1024)

    static func pow10(_ exponent: Int) -> Double {
        (0..<abs(exponent)).reduce(1.0) { value, _ in exponent < 0 ? value / 10 : value * 10 }
    }

    /// The larger of the gaps between code `q` and its neighbours, halved.
    static func halfGap(around q: Int, in map: [Float]) -> Float {
        let below = q > 0 ? map[q] - map[q - 1] : 0
        let above = q < map.count - 1 ? map[q + 1] - map[q] : 0
        return Swift.max(below, above) / 2
    }

    /// Checks `|x − x̂| ≤ (halfGap(q) + slack) · absmax` for every element.
    static func checkBound(_ values: [Float], map: DynamicQuantizationMap, rounding: QuantizationRounding, slack: Float) {
        let buffer = QuantizedBuffer(values, map: map, rounding: rounding)
        let restored = buffer.dequantized()
        for i in values.indices {
            let absmax = buffer.absmax[i / QuantizedBuffer.blockSize]
            let bound = (halfGap(around: Int(buffer.codes[i]), in: map.values) + slack) * absmax
            #expect(abs(values[i] - restored[i]) <= bound, "x = \(values[i]), x̂ = \(restored[i]), code \(buffer.codes[i]), absmax \(absmax)")
        }
    }

    @Test("nearest rounding: |x − x̂| ≤ half the gap between neighbouring codes × absmax")
    func nearestBound() async {
        await propertyCheck(input: Self.values) { (values: [Float]) in
            Self.checkBound(values, map: .signed, rounding: .nearest, slack: 0x1p-21)
            Self.checkBound(values.map(abs), map: .unsigned, rounding: .nearest, slack: 0x1p-21)
        }
    }

    @Test("bitsandbytes rounding: the bound widens by the grid's half spacing, 1/65535")
    func gridBound() async {
        await propertyCheck(input: Self.values) { (values: [Float]) in
            Self.checkBound(values, map: .signed, rounding: .bitsandbytes, slack: 1 / 65535 + 0x1p-21)
            Self.checkBound(values.map(abs), map: .unsigned, rounding: .bitsandbytes, slack: 1 / 65535 + 0x1p-21)
        }
    }

    @Test("nearest rounding is never further from x than bitsandbytes rounding")
    func nearestIsNearest() async {
        await propertyCheck(input: Self.values) { (values: [Float]) in
            let nearest = QuantizedBuffer(values, map: .signed, rounding: .nearest).dequantized()
            let grid = QuantizedBuffer(values, map: .signed).dequantized()
            for i in values.indices {
                #expect(abs(values[i] - nearest[i]) <= abs(values[i] - grid[i]))
            }
        }
    }

    @Test("on non-negative data the unsigned map gives a lower error than the signed one", arguments: [QuantizationRounding.nearest, .bitsandbytes])
    func unsignedBeatsSigned(rounding: QuantizationRounding) async {
        await propertyCheck(input: Self.squares) { (values: [Float]) in
            func totalError(_ map: DynamicQuantizationMap) -> Double {
                let restored = QuantizedBuffer(values, map: map, rounding: rounding).dequantized()
                return zip(values, restored).reduce(0) { $0 + Double(abs($1.0 - $1.1)) }
            }
            #expect(totalError(.unsigned) < totalError(.signed))
        }
    }

    @Test("a buffer of 10⁶ values stores at most 1.02 bytes per value")
    func bytesPerElement() {
        #expect(QuantizedBuffer(zeros: 1_000_000, map: .unsigned).bytesPerElement <= 1.02)
        #expect(QuantizedBuffer(zeros: 256 * 1000, map: .signed).bytesPerElement == 1.015625)
        #expect(QuantizedBuffer(zeros: 0, map: .signed).bytesPerElement == 0)
    }

    @Test("quantizing in place equals quantizing anew; sizes that do not fit are refused")
    func inPlace() throws {
        let values = (0..<600).map { Float($0 % 37) - 18 }
        var buffer = QuantizedBuffer(zeros: values.count, map: .signed)
        try buffer.quantize(values)
        #expect(buffer == QuantizedBuffer(values, map: .signed))
        #expect(throws: QuantizationError.countMismatch(expected: 600, actual: 3)) { try buffer.quantize([1, 2, 3]) }
        var short = [Float](repeating: 0, count: 599)
        #expect(throws: QuantizationError.countMismatch(expected: 600, actual: 599)) { try buffer.dequantize(into: &short) }
        #expect(throws: QuantizationError.absmaxCountMismatch(expected: 3, actual: 2)) {
            try QuantizedBuffer(codes: buffer.codes, absmax: [1, 1], map: .signed)
        }
        #expect(throws: QuantizationError.invalidAbsmax(block: 1, value: -1)) {
            try QuantizedBuffer(codes: buffer.codes, absmax: [1, -1, 1], map: .signed)
        }
        #expect(try QuantizedBuffer(codes: buffer.codes, absmax: buffer.absmax, map: .signed) == buffer)
    }
}

/// The code searches against a scan of the whole map.
@Suite("Quantization: code search")
struct QuantizationCodeSearchTests {
    /// The map's values, their neighbouring Floats, the midpoints between them and theirs, and
    /// evenly spaced points, all in [−1, 1].
    static func probes(_ map: [Float]) -> [Float] {
        let midpoints = zip(map, map.dropFirst()).map { ($0 + $1) / 2 }
        let near = (map + midpoints).flatMap { [$0.nextDown, $0, $0.nextUp] }
        let even = (0...20_000).map { Float($0) / 10_000 - 1 }
        return (near + even).filter { abs($0) <= 1 }
    }

    @Test("nearest rounding picks argmin |map[q] − v|, a tie to the lower code", arguments: DynamicQuantizationMap.Sign.allCases)
    func nearest(sign: DynamicQuantizationMap.Sign) {
        let map = DynamicQuantizationMap(sign).values
        let probes = Self.probes(map)
        for start in stride(from: 0, to: probes.count, by: 255) {
            let chunk = Array(probes[start..<Swift.min(start + 255, probes.count)])
            let codes = QuantizedBuffer([1] + chunk, map: DynamicQuantizationMap(sign), rounding: .nearest).codes.dropFirst()
            for (v, code) in zip(chunk, codes) {
                let expected = map.indices.min { abs(map[$0] - v) < abs(map[$1] - v) || (abs(map[$0] - v) == abs(map[$1] - v) && $0 < $1) }
                #expect(Int(code) == expected, "v = \(v)")
            }
        }
    }
}
