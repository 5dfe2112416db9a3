import D2LOptimizers
import PropertyBased
import Testing

/// Stochastic rounding: reproducible, between the two codes around a value, unbiased.
@Suite("Quantization: stochastic rounding")
struct StochasticRoundingTests {
    /// A block of `count` copies of `value`, led by 1 so that the absmax is 1 and the copies
    /// keep their value when normalized.
    static func copies(of value: Float, count: Int) -> [Float] {
        [1] + [Float](repeating: value, count: count - 1)
    }

    @Test("the same seed and step give the same codes; another step or seed gives other codes")
    func reproducible() {
        let values = (0..<2048).map { Float($0).squareRoot() * 0.01 }
        let first = QuantizedBuffer(values, map: .unsigned, rounding: .stochastic(seed: 1, step: 10))
        #expect(QuantizedBuffer(values, map: .unsigned, rounding: .stochastic(seed: 1, step: 10)) == first)
        #expect(QuantizedBuffer(values, map: .unsigned, rounding: .stochastic(seed: 1, step: 11)) != first)
        #expect(QuantizedBuffer(values, map: .unsigned, rounding: .stochastic(seed: 2, step: 10)) != first)
    }

    @Test("every code is one of the two codes around the value")
    func bracketing() async {
        await propertyCheck(input: Gen.float(in: -1...1), Gen.uint64(in: 0...UInt64.max)) { value, seed in
            let map = DynamicQuantizationMap.signed.values
            let buffer = QuantizedBuffer(Self.copies(of: value, count: 256), map: .signed, rounding: .stochastic(seed: seed, step: 0))
            let lower = map.lastIndex { $0 <= value } ?? 0
            for code in buffer.codes.dropFirst() {
                #expect(Int(code) == lower || Int(code) == Swift.min(lower + 1, 255))
            }
        }
    }

    @Test("the mean of many stochastically rounded copies is the value (unbiased)")
    func unbiased() async {
        await propertyCheck(count: 40, input: Gen.float(in: 1e-4...0.99), Gen.uint64(in: 0...UInt64.max)) { value, seed in
            let count = 1 << 15
            let map = DynamicQuantizationMap.unsigned.values
            let restored = QuantizedBuffer(Self.copies(of: value, count: count), map: .unsigned, rounding: .stochastic(seed: seed, step: 5)).dequantized()
            let mean = restored.dropFirst().reduce(0.0) { $0 + Double($1) } / Double(count - 1)
            let lower = map.lastIndex { $0 <= value } ?? 0
            let gap = Double(map[Swift.min(lower + 1, 255)] - map[lower])
            // Five standard deviations of a mean of Bernoulli draws scaled by the gap.
            #expect(abs(mean - Double(value)) <= 5 * gap * 0.5 / Double(count - 1).squareRoot() + 1e-7)
        }
    }
}
