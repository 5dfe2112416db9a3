import D2LOptimizers
import D2LTensor
import PropertyBased
import Testing

/// Invariants of the update rules, checked on random hyperparameters and gradients.
@Suite("RMSProp properties")
struct RMSPropPropertyTests {
    static let gradients = Gen.double(in: -100...100).array(of: 1...16)

    /// One optimizer step from `start` with `gradient`, in Double; an error is recorded as a
    /// test issue.
    func step(_ algorithm: any OptimizationAlgorithm, from start: [Double], gradient: [Double]) -> [Double] {
        do {
            var optimizer = try Optimizer<Double>(algorithm)
            var parameters = [Tensor(start)]
            try optimizer.step(&parameters, gradients: [Tensor(gradient)])
            return parameters[0].scalars
        } catch {
            Issue.record(error)
            return []
        }
    }

    @Test("every option at its neutral value gives the plain rule bit for bit")
    func neutralOptions() async {
        await propertyCheck(input: Gen.double(in: 1e-4...1), Gen.double(in: 0...0.999), Gen.double(in: 0...1e-3), Self.gradients) {
            learningRate, decay, epsilon, gradient in
            let start = gradient.map { $0 / 3 }
            var options = CommonOptions(learningRate: ScheduledLearningRate(learningRate))
            options.weightDecay = 0
            options.rescaleGradient = 1
            options.clipGradient = .greatestFiniteMagnitude
            options.clipWeights = .greatestFiniteMagnitude
            options.clipNorm = GlobalNormClipping(maximum: .greatestFiniteMagnitude, formula: .exact)
            let neutral = RMSProp(
                learningRate: learningRate, decay: decay, epsilon: epsilon, momentum: 0, initialAccumulator: 0,
                biasCorrection: false, options: options
            )
            let plain = RMSProp(learningRate: learningRate, decay: decay, epsilon: epsilon)
            let expected = zip(start, gradient).map { p, g in
                p - learningRate * (g / ((1 - decay) * (g * g) + epsilon).squareRoot())
            }
            #expect(step(neutral, from: start, gradient: gradient) == step(plain, from: start, gradient: gradient))
            #expect(step(plain, from: start, gradient: gradient) == expected)
        }
    }

    @Test("gamma = 0 with eps = 0 moves every coordinate by exactly lr · sign(g)")
    func signStep() async {
        let nonzero = Gen.double(in: 1e-6...1e6).array(of: 1...16)
        await propertyCheck(input: Gen.double(in: 1e-4...1), nonzero, Gen.bool.array(of: 16)) { learningRate, magnitudes, signs in
            let gradient = magnitudes.enumerated().map { signs[$0.offset] ? -$0.element : $0.element }
            let start = [Double](repeating: 0, count: gradient.count)
            let moved = step(RMSProp(learningRate: learningRate, decay: 0, epsilon: 0), from: start, gradient: gradient)
            #expect(moved == gradient.map { $0 > 0 ? -learningRate : learningRate })
        }
    }

    @Test("clipping by value bounds every gradient element the rule sees")
    func clipByValue() async {
        await propertyCheck(input: Gen.double(in: 1e-3...10), Self.gradients) { bound, gradient in
            var options = CommonOptions(learningRate: ScheduledLearningRate(1))
            options.clipGradient = bound
            let start = [Double](repeating: 0, count: gradient.count)
            let moved = step(SGD(options: options), from: start, gradient: gradient)
            #expect(moved.allSatisfy { abs($0) <= bound })
        }
    }

    @Test("clipping by global norm bounds the norm of the gradients the rule sees", arguments: GlobalNormClipping.Formula.allCases)
    func clipByNorm(formula: GlobalNormClipping.Formula) async {
        await propertyCheck(input: Gen.double(in: 1e-3...10), Self.gradients) { bound, gradient in
            var options = CommonOptions(learningRate: ScheduledLearningRate(1))
            options.clipNorm = GlobalNormClipping(maximum: bound, formula: formula)
            let start = [Double](repeating: 0, count: gradient.count)
            let moved = step(SGD(options: options), from: start, gradient: gradient)
            let norm = moved.reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(norm <= bound * (1 + 1e-12))
        }
    }

    @Test("clipping weights keeps every parameter within its bound after any step")
    func clipWeights() async {
        await propertyCheck(input: Gen.double(in: 1e-3...10), Gen.double(in: 1e-3...1), Self.gradients) { bound, learningRate, gradient in
            var options = CommonOptions(learningRate: ScheduledLearningRate(learningRate))
            options.clipWeights = bound
            let start = gradient.map { $0 / 10 }
            let moved = step(RMSProp(decay: 0.5, centering: .centered, momentum: 0.9, options: options), from: start, gradient: gradient)
            #expect(moved.allSatisfy { abs($0) <= bound })
        }
    }
}
