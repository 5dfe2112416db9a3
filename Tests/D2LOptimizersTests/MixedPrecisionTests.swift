#if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
import D2LOptimizers
import D2LTensor
import Testing

@Suite("Mixed precision")
struct MixedPrecisionTests {
    @Test("every half widens to the Float the standard library gives")
    func widenAllHalves() {
        for bits in 0...UInt16.max {
            let expected = Float(Float16(bitPattern: bits))
            let actual = HalfPrecisionConversion.widen(bits)
            if expected.isNaN {
                #expect(actual.isNaN)
            } else if actual.bitPattern != expected.bitPattern {
                Issue.record("half \(String(bits, radix: 16)) widened to \(actual), not \(expected)")
                return
            }
        }
    }

    @Test("narrowing rounds to the nearest half, ties to even, as the standard library")
    func narrowMatchesStandardLibrary() {
        var generator = Xoshiro256StarStar(seed: 9)
        var samples: [Float] = [0, -0, .infinity, -.infinity, 65504, 65519.99, 65520, 65536, 1e-8, 2.98e-8, 2.99e-8, 6.1e-5, -3.1e-5]
        // Every half, the midpoints between neighbours (ties) and the floats just beside them.
        for bits in stride(from: UInt16(0), to: 0x7C00, by: 1) {
            let low = Float(Float16(bitPattern: bits))
            let high = Float(Float16(bitPattern: bits + 1))
            let middle = (low + high) / 2
            samples += [low, middle, middle.nextUp, middle.nextDown, -middle]
        }
        for _ in 0..<200_000 {
            samples.append(Float(bitPattern: UInt32(truncatingIfNeeded: generator.next())))
        }
        var mismatches = 0
        for value in samples {
            let expected = Float16(value)
            let actual = Float16(bitPattern: HalfPrecisionConversion.narrow(value))
            if expected.isNaN {
                #expect(actual.isNaN)
            } else if actual.bitPattern != expected.bitPattern {
                mismatches += 1
                if mismatches < 5 { Issue.record("\(value) narrowed to \(actual), not \(expected)") }
            }
        }
        #expect(mismatches == 0)
    }

    @Test("the bulk conversions (with F16C where the processor has it) equal the element-wise ones, at every length")
    func bulkMatchesElementwise() {
        let halves = Array(0...UInt16.max)
        var widened = [Float](repeating: 0, count: halves.count)
        HalfPrecisionConversion.widen(halves, into: &widened, count: halves.count)
        for (bits, actual) in zip(halves, widened) {
            let expected = HalfPrecisionConversion.widen(bits)
            #expect(expected.isNaN ? actual.isNaN : actual.bitPattern == expected.bitPattern, "half \(String(bits, radix: 16))")
        }

        var generator = Xoshiro256StarStar(seed: 11)
        var floats = widened.filter { !$0.isNaN }.flatMap { [$0, $0.nextUp, $0.nextDown] }
        floats += (0..<100_000).map { _ in Float(bitPattern: UInt32(truncatingIfNeeded: generator.next())) }
        var narrowed = [UInt16](repeating: 0, count: floats.count)
        HalfPrecisionConversion.narrow(floats, into: &narrowed, count: floats.count)
        var mismatches = 0
        for (value, actual) in zip(floats, narrowed) {
            let expected = HalfPrecisionConversion.narrow(value)
            let agree = value.isNaN ? Float16(bitPattern: actual).isNaN : actual == expected
            if !agree { mismatches += 1 }
        }
        #expect(mismatches == 0)

        // Lengths around the eight-element groups: nothing past `count` is written.
        for count in 0...17 {
            var destination = [Float](repeating: -1, count: 20)
            HalfPrecisionConversion.widen(Array(repeating: 0x3C00, count: count), into: &destination, count: count)
            #expect(destination == Array(repeating: 1, count: count) + Array(repeating: -1, count: 20 - count))
            var narrowedTail = [UInt16](repeating: 0xFFFF, count: 20)
            HalfPrecisionConversion.narrow(Array(repeating: 2, count: count), into: &narrowedTail, count: count)
            #expect(narrowedTail == Array(repeating: 0x4000, count: count) + Array(repeating: 0xFFFF, count: 20 - count))
        }
    }

    @Test("a mixed step equals a Float step on the master weights, rounded to halves", arguments: [1, 2])
    func mixedMatchesFloatMaster(threads: Int) throws {
        var generator = Xoshiro256StarStar(seed: 2)
        let shapes = [[300, 70], [70], [5]]
        let start = shapes.map { Tensor<Float>.randomNormal(shape: $0, using: &generator) }
        var mixed = MixedPrecisionArena(start)
        var reference = ParameterArena(start)
        var mixedOptimizer = try Optimizer<Float>(RMSProp(centering: .centered, momentum: 0.5))
        var referenceOptimizer = mixedOptimizer
        let parallelism = KernelParallelism(maximumThreads: threads, minimumElementsPerThread: KernelParallelism.smallestThreshold)
        try KernelParallelism.$current.withValue(parallelism) {
            for _ in 0..<5 {
                let gradients = Tensor<Float>.randomNormal(shape: [mixed.layout.elementCount], using: &generator).scalars
                for i in gradients.indices {
                    let half = Float16(gradients[i] * 0.1)
                    mixed.gradients[i] = half
                    reference.gradients[i] = Float(half)
                }
                try mixedOptimizer.step(&mixed)
                try referenceOptimizer.step(&reference)
            }
        }
        #expect(mixed.masterParameters.map(\.bitPattern) == reference.parameters.map(\.bitPattern))
        #expect(mixed.parameters.map(\.bitPattern) == reference.parameters.map { Float16($0).bitPattern })
        #expect(mixedOptimizer.state == referenceOptimizer.state)
    }

    @Test("updates smaller than a half's precision accumulate in the master weights")
    func smallUpdatesAccumulate() throws {
        var arena = try MixedPrecisionArena(shapes: [[4]], repeating: 1)
        for i in 0..<4 { arena.gradients[i] = 1 }
        var optimizer = try Optimizer<Float>(SGD(learningRate: 1e-4))
        for _ in 0..<100 { try optimizer.step(&arena) }
        // 1 − 100 · 10⁻⁴ = 0.99: each step alone is below half precision's spacing near 1 (2⁻¹¹).
        #expect(abs(arena.masterParameters[0] - 0.99) < 1e-5)
        #expect(arena.parameters[0] == Float16(arena.masterParameters[0]))
        #expect(arena.parameters[0] < 1)
    }
}
#endif
