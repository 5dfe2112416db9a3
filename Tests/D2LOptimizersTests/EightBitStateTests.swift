@testable import D2LOptimizers
import D2LTensor
import Testing

/// Algorithms whose 8-bit step must equal, bit for bit, the blockwise reference: dequantize,
/// the `Float` step, quantize. (Centred RMSProp keeps the variance itself in 8 bits, a form of
/// its own: see `centeredStoresVariance`.)
private let algorithms: [(String, any OptimizationAlgorithm)] = {
    var cases: [(String, any OptimizationAlgorithm)] = [
        ("plain", RMSProp()),
        ("eps outside", RMSProp(epsilonPlacement: .outsideSquareRoot)),
        ("momentum", RMSProp(momentum: 0.9)),
        ("momentum inside", RMSProp(momentum: 0.9, momentumStyle: .learningRateInsideBuffer)),
        ("nesterov", RMSProp(momentum: 0.9, momentumStyle: .nesterov)),
        ("incremental, bias correction", RMSProp(averaging: .incremental, biasCorrection: true)),
        ("weight decay and clipping", RMSProp(options: CommonOptions(
            learningRate: ScheduledLearningRate(0.01), weightDecay: 1e-3, clipGradient: 0.05, clipWeights: 0.4))),
        ("decoupled decay, clip norm", RMSProp(momentum: 0.5, options: CommonOptions(
            learningRate: ScheduledLearningRate(0.01), weightDecay: 1e-2, weightDecayMode: .decoupled,
            clipNorm: GlobalNormClipping(maximum: 1)))),
        ("adam", Adam()),
        ("adagrad", Adagrad()),
        ("adadelta", Adadelta()),
        ("sgd momentum", SGD(momentum: 0.9)),
    ]
    for preset in Preset.allCases {
        var settings = OptimizerSettings()
        if preset != .mxnet { settings.momentum = 0.9 }
        cases.append(("\(preset)", try! OptimizerRegistry.algorithm(named: "rmsprop", settings: settings, preset: preset)))
    }
    return cases
}()

/// Random parameters and `steps` gradients for tensors of `counts` elements.
private func tensors(counts: [Int], steps: Int, seed: UInt64) -> ([Tensor<Float>], [[Tensor<Float>]]) {
    var generator = Xoshiro256StarStar(seed: seed)
    let parameters = counts.map { Tensor<Float>.randomNormal(shape: [$0], using: &generator) }
    let gradients = (0..<steps).map { _ in counts.map { Tensor<Float>.randomNormal(shape: [$0], using: &generator) * 0.1 } }
    return (parameters, gradients)
}

/// The slots in 8 bits of `state`, one `QuantizedBuffer` per slot and tensor.
private func quantizedSlots(_ state: OptimizerState<Float>, parameter: Int) -> [QuantizedBuffer?] {
    [StateSlots.first, .second, .third].map { state.quantized.buffer(slot: $0, parameter: parameter) }
}

@Suite("8-bit optimizer state")
struct EightBitStateTests {
    @Test("every variant equals dequantize, the Float step, quantize — bit for bit", arguments: algorithms.indices)
    func matchesBlockwiseReference(index: Int) throws {
        let (name, algorithm) = algorithms[index]
        let counts = [5_000, 10, 4_096]
        let (initial, gradients) = tensors(counts: counts, steps: 4, seed: UInt64(index))
        var eightBit = try Optimizer<Float>(algorithm, statePrecision: .eightBit())
        var reference = try Optimizer<Float>(algorithm)
        var parameters = initial
        var expected = initial
        var previousQuantized: [[QuantizedBuffer?]] = []
        for step in gradients.indices {
            try eightBit.step(&parameters, gradients: gradients[step])
            if step == 0 {
                try reference.step(&expected, gradients: gradients[step])
                // The reference's first step starts from the same zeros: requantize its state.
            } else {
                // Start the Float step from the dequantized 8-bit state of the previous step.
                var state = reference.state
                for tensor in counts.indices where eightBit.state.quantized.isQuantized(parameter: tensor) {
                    let range = state.offsets[tensor]..<state.offsets[tensor + 1]
                    for (slot, buffer) in zip([StateSlots.first, .second, .third], previousQuantized[tensor]) {
                        guard let buffer else { continue }
                        let values = buffer.dequantized()
                        switch slot {
                        case .first: state.first.replaceSubrange(range, with: values)
                        case .second: state.second.replaceSubrange(range, with: values)
                        default: state.third.replaceSubrange(range, with: values)
                        }
                    }
                }
                reference.state = state
                try reference.step(&expected, gradients: gradients[step])
            }
            #expect(parameters.map(\.scalars) == expected.map(\.scalars), "\(name), step \(step + 1)")
            previousQuantized = []
            for tensor in counts.indices {
                let quantized = quantizedSlots(eightBit.state, parameter: tensor)
                previousQuantized.append(quantized)
                guard eightBit.state.quantized.isQuantized(parameter: tensor) else {
                    #expect(quantized.allSatisfy { $0 == nil })
                    for slot in [StateSlots.first, .second, .third] where algorithm.stateSlots.contains(slot) {
                        #expect(eightBit.state.tensor(slot: slot, parameter: tensor) == reference.state.tensor(slot: slot, parameter: tensor))
                    }
                    continue
                }
                for (slot, buffer) in zip([StateSlots.first, .second, .third], quantized) {
                    #expect((buffer != nil) == algorithm.stateSlots.contains(slot), "\(name): slot \(slot) held in 8 bits")
                    guard let buffer else { continue }
                    let sign: DynamicQuantizationMap.Sign = algorithm.nonNegativeStateSlots.contains(slot) ? .unsigned : .signed
                    #expect(buffer.map == DynamicQuantizationMap(sign))
                    let values = reference.state.tensor(slot: slot, parameter: tensor).scalars
                    #expect(buffer == QuantizedBuffer(values, map: buffer.map, rounding: .nearest), "\(name), slot \(slot), step \(step + 1)")
                }
            }
        }
    }

    @Test("tensors below the threshold keep Float state; the threshold is configurable")
    func threshold() throws {
        let (initial, gradients) = tensors(counts: [100, 4_095, 4_096], steps: 1, seed: 3)
        var parameters = initial
        var optimizer = try Optimizer<Float>(RMSProp(), statePrecision: .eightBit())
        try optimizer.step(&parameters, gradients: gradients[0])
        #expect((0..<3).map(optimizer.state.quantized.isQuantized(parameter:)) == [false, false, true])
        #expect(optimizer.state.first.count == 4_195)
        var low = try Optimizer<Float>(RMSProp(), statePrecision: .eightBit(minimumSize: 50))
        parameters = initial
        try low.step(&parameters, gradients: gradients[0])
        #expect((0..<3).map(low.state.quantized.isQuantized(parameter:)) == [true, true, true])
        #expect(low.state.first.isEmpty)
        #expect(throws: OptimizerError.self) { try Optimizer<Float>(RMSProp(), statePrecision: .eightBit(minimumSize: 0)) }
    }

    @Test("at most 1.02 bytes per state element for quantized tensors")
    func memory() throws {
        let (initial, gradients) = tensors(counts: [100_000], steps: 1, seed: 4)
        var parameters = initial
        var optimizer = try Optimizer<Float>(RMSProp(centering: .centered, momentum: 0.9), statePrecision: .eightBit())
        try optimizer.step(&parameters, gradients: gradients[0])
        let perElement = Double(optimizer.state.byteCount) / Double(3 * 100_000)
        #expect(perElement <= 1.02)
        #expect(perElement == 1 + 4.0 / 256 * Double((100_000 + 255) / 256) / (100_000.0 / 256))
    }

    @Test("the same bits on 1, 2 and 3 threads, with nearest and stochastic rounding",
          arguments: [StateRounding.nearest, .stochastic(seed: 7)])
    func threadCounts(rounding: StateRounding) throws {
        let (initial, gradients) = tensors(counts: [70_001, 300], steps: 3, seed: 5)
        func run(threads: Int) throws -> ([[Float]], OptimizerState<Float>) {
            var parameters = initial
            var optimizer = try Optimizer<Float>(
                RMSProp(centering: .centered, momentum: 0.9), statePrecision: .eightBit(rounding: rounding))
            try KernelParallelism.$current.withValue(
                KernelParallelism(maximumThreads: threads, minimumElementsPerThread: KernelParallelism.smallestThreshold)
            ) {
                for step in gradients { try optimizer.step(&parameters, gradients: step) }
            }
            return (parameters.map(\.scalars), optimizer.state)
        }
        let one = try run(threads: 1)
        for threads in [2, 3] {
            let other = try run(threads: threads)
            #expect(other.0 == one.0)
            #expect(other.1 == one.1)
        }
    }

    @Test("stochastic rounding is reproducible for a seed and changes with it")
    func stochasticRounding() throws {
        let (initial, gradients) = tensors(counts: [8_192], steps: 3, seed: 6)
        func run(_ rounding: StateRounding) throws -> OptimizerState<Float> {
            var parameters = initial
            var optimizer = try Optimizer<Float>(RMSProp(momentum: 0.9), statePrecision: .eightBit(rounding: rounding))
            for step in gradients { try optimizer.step(&parameters, gradients: step) }
            return optimizer.state
        }
        #expect(try run(.stochastic(seed: 1)) == run(.stochastic(seed: 1)))
        #expect(try run(.stochastic(seed: 1)) != run(.stochastic(seed: 2)))
        #expect(try run(.stochastic(seed: 1)) != run(.nearest))
    }

    @Test("arena, tensor list and Double parameters take the same 8-bit path")
    func storages() throws {
        let counts = [6_000, 7, 5_000]
        let (initial, gradients) = tensors(counts: counts, steps: 3, seed: 8)
        let algorithm = RMSProp(momentum: 0.9)
        var list = initial
        var listOptimizer = try Optimizer<Float>(algorithm, statePrecision: .eightBit())
        var arena = ParameterArena(initial)
        var arenaOptimizer = try Optimizer<Float>(algorithm, statePrecision: .eightBit())
        for step in gradients {
            try listOptimizer.step(&list, gradients: step)
            for (index, gradient) in step.enumerated() {
                arena.withGradients(ofTensor: index) { buffer in
                    for (i, value) in gradient.scalars.enumerated() { buffer[i] = value }
                }
            }
            try arenaOptimizer.step(&arena)
        }
        #expect(arenaOptimizer.state == listOptimizer.state)
        #expect((0..<3).map { arena.parameterTensor($0).scalars } == list.map(\.scalars))
        var doubles = initial.map { try! Tensor<Double>(shape: $0.shape, scalars: $0.scalars.map(Double.init)) }
        var doubleOptimizer = try Optimizer<Double>(algorithm, statePrecision: .eightBit())
        for step in gradients {
            try doubleOptimizer.step(&doubles, gradients: step.map { try! Tensor<Double>(shape: $0.shape, scalars: $0.scalars.map(Double.init)) })
        }
        #expect(doubleOptimizer.state.quantized.first?.sign == .unsigned)
        #expect(doubleOptimizer.state.quantized.third?.sign == .signed)
        for (double, float) in zip(doubles, list) {
            for (a, b) in zip(double.scalars, float.scalars) { #expect(abs(a - Double(b)) < 1e-3) }
        }
    }

    @Test("centred RMSProp keeps v = s − m² itself in 8 bits, close to the Float state's s − m²",
          arguments: [RMSProp(centering: .centered), RMSProp(centering: .centeredByLerp, momentum: 0.9)])
    func centeredStoresVariance(algorithm: RMSProp) throws {
        let (initial, gradients) = tensors(counts: [6_000], steps: 5, seed: 9)
        var (eightBitParameters, floatParameters) = (initial, initial)
        var eightBit = try Optimizer<Float>(algorithm, statePrecision: .eightBit())
        var float = try Optimizer<Float>(algorithm)
        for step in gradients {
            try eightBit.step(&eightBitParameters, gradients: step)
            try float.step(&floatParameters, gradients: step)
        }
        let variance = eightBit.state.tensor(slot: .first, parameter: 0).scalars
        let s = float.state.tensor(slot: .first, parameter: 0).scalars
        let m = float.state.tensor(slot: .second, parameter: 0).scalars
        let largest = variance.max()!
        for i in variance.indices { #expect(abs(variance[i] - (s[i] - m[i] * m[i])) <= 0.02 * largest) }
        let moved = zip(floatParameters[0].scalars, initial[0].scalars).map { abs($0 - $1) }.max()!
        let error = zip(eightBitParameters[0].scalars, floatParameters[0].scalars).map { abs($0 - $1) }.max()!
        #expect(error <= 0.05 * moved, "parameters differ by \(error) after moving up to \(moved)")
    }
}
