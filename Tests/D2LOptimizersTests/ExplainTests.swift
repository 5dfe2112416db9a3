import D2LOptimizers
import Testing

/// `explain()` is generated from the forms the kernel runs, so each option must show up as its
/// form's formula, in the kernel's order.
@Suite("Optimizers explain their update")
struct ExplainTests {
    /// Every combination of RMSProp's kernel forms and bias correction.
    static let combinations: [RMSProp] = {
        var all: [RMSProp] = []
        for averaging in RMSProp.Averaging.allCases {
            for placement in EpsilonPlacement.allCases {
                for centering in RMSProp.Centering.allCases {
                    for (momentum, style) in [(0.0, MomentumStyle.learningRateOutsideBuffer)] + MomentumStyle.allCases.map({ (0.9, $0) }) {
                        for biasCorrection in [false, true] {
                            all.append(RMSProp(
                                epsilonPlacement: placement, averaging: averaging, centering: centering, momentum: momentum,
                                momentumStyle: style, biasCorrection: biasCorrection))
                        }
                    }
                }
            }
        }
        return all
    }()

    static func operations(_ algorithm: some OptimizationAlgorithm) -> [String] {
        algorithm.explain().split(separator: "\n").dropFirst().dropLast().map { String($0.split(separator: " ", maxSplits: 1)[1]) }
    }

    @Test("every RMSProp variant is written with the formulas of the forms it runs", arguments: combinations)
    func rmspropForms(rmsprop: RMSProp) {
        let operations = Self.operations(rmsprop)
        let average = rmsprop.averaging == .incremental ? IncrementalAverage.formula("s", with: "g²") : InterpolatedAverage.formula("s", with: "g²")
        #expect(operations.first == average)
        let v = rmsprop.centering == .uncentered && !rmsprop.biasCorrection ? "s" : "v"
        let denominator = rmsprop.epsilonPlacement == .insideSquareRoot
            ? EpsilonInsideSquareRoot.formula(v) : EpsilonOutsideSquareRoot.formula(v)
        #expect(operations.contains("u ← g / \(denominator)"))
        let mean = operations.first { $0.hasPrefix("m ←") }
        switch rmsprop.centering {
        case .uncentered: #expect(mean == nil)
        case .centered: #expect(mean == (rmsprop.averaging == .incremental ? IncrementalAverage.formula("m", with: "g") : InterpolatedAverage.formula("m", with: "g")))
        case .centeredByLerp: #expect(mean == IncrementalAverage.formula("m", with: "g"))
        }
        let move: [String] = switch (rmsprop.momentum > 0, rmsprop.momentumStyle) {
        case (false, _): NoMomentum.formulas(step: "u")
        case (true, .nesterov): NesterovMomentum.formulas(step: "u")
        case (true, .learningRateInsideBuffer): MomentumInsideLearningRate.formulas(step: "u")
        case (true, .learningRateOutsideBuffer): MomentumOutsideLearningRate.formulas(step: "u")
        }
        #expect(Array(operations.suffix(move.count)) == move)
        #expect(operations.contains { $0.contains("c·s") } == rmsprop.biasCorrection)
    }

    @Test("gradient processing, decoupled decay, the rule and weight clipping come in the kernel's order")
    func kernelOrder() {
        var options = CommonOptions(learningRate: ScheduledLearningRate(0.1))
        options.rescaleGradient = 0.5
        options.weightDecay = 0.01
        options.clipGradient = 1
        options.clipNorm = GlobalNormClipping(maximum: 5)
        options.clipWeights = 2
        let coupled = Self.operations(RMSProp(options: options))
        #expect(coupled == [
            "g ← r·g", "g ← g + λ·p (coupled weight decay)", "g ← clip(g, −C, C)",
            "g ← g·k, k = min(1, N / (‖g‖ + 1e-6)), ‖g‖ the norm of all gradients after the steps above",
            "s ← γ·s + (1 − γ)·g²", "u ← g / √(s + ε)", "p ← p − η·u", "p ← clip(p, −W, W)",
        ])
        options.weightDecayMode = .decoupled
        options.clippingOrder = .beforeCoupledDecay
        let decoupled = Self.operations(RMSProp(options: options))
        #expect(decoupled[3] == "p ← p − (η·λ)·p (decoupled weight decay, on the old p)")
    }

    @Test("values are shown as the kernel holds them: MXNet's parsed Float for 1 − γ, TensorFlow 1's Float in Double")
    func rounding() throws {
        let mxnet = try OptimizerRegistry.algorithm(named: "rmsprop", preset: .mxnet).explain(as: Float.self)
        #expect(mxnet.contains("1 − γ = 0.100000024"))
        let tensorflow = try OptimizerRegistry.algorithm(named: "rmsprop", preset: .tensorflow1).explain(as: Double.self)
        #expect(tensorflow.contains("γ = 0.8999999761581421"))
        #expect(tensorflow.contains("s ← s + (g² − s)·(1 − γ)"))
    }

    /// What the options article (its tables of defaults and momentum styles) and the fixtures'
    /// notes (`Tests/Fixtures/optimizers/README.md`, `Tests/Fixtures/mxnet/README.md`) say each
    /// framework's centred RMSProp with momentum does, written here by hand from those documents.
    static let documentedRules: [(Preset, denominator: String, mean: String, move: [String], values: [String])] = [
        (.book, "√(v + ε)", "m ← γ·m + (1 − γ)·g", ["b ← μ·b + u", "p ← p − η·b"], ["ε = 1e-06"]),
        (.pytorch, "(√v + ε)", "m ← m + (g − m)·(1 − γ)", ["b ← μ·b + u", "p ← p − η·b"], ["γ = 0.99", "ε = 1e-08"]),
        (.mxnet, "√(v + ε)", "m ← γ·m + (1 − γ)·g", ["b ← μ·b + η·u", "p ← p − b"], ["ε = 1e-08", "1 − γ = 0.100000024"]),
        (.keras, "√(v + ε)", "m ← γ·m + (1 − γ)·g", ["b ← μ·b + η·u", "p ← p − b"], ["ε = 1e-07"]),
        (.optax, "√(v + ε)", "m ← γ·m + (1 − γ)·g", ["b ← μ·b + η·u", "p ← p − b"], ["ε = 1e-08"]),
        (.tensorflow1, "√(v + ε)", "m ← m + (g − m)·(1 − γ)", ["b ← μ·b + η·u", "p ← p − b"], ["ε = 1e-10", "s starts at 1.0"]),
    ]

    @Test("each preset's explanation is its framework's documented rule: ε's place, the centred mean, η in or out of the buffer, where s starts")
    func presetsFollowTheirDocumentedRules() throws {
        #expect(Set(Self.documentedRules.map(\.0)) == Set(Preset.allCases))
        for (preset, denominator, mean, move, values) in Self.documentedRules {
            let algorithm = try OptimizerRegistry.algorithm(
                named: "rmsprop", hyperparameters: ["lr": 0.01, "centered": true, "momentum": 0.9], preset: preset)
            let explanation = algorithm.explain()
            let operations = Self.operations(algorithm)
            #expect(operations.contains("u ← g / \(denominator)"), "\(preset): \(explanation)")
            #expect(operations.contains(mean), "\(preset): \(explanation)")
            #expect(Array(operations.suffix(2)) == move, "\(preset): \(explanation)")
            for value in values {
                #expect(explanation.split(separator: "\n").last?.contains(value) == true, "\(preset) lacks \(value): \(explanation)")
            }
            #expect(explanation.contains("s starts at") == (preset == .tensorflow1), "\(preset): \(explanation)")
        }
    }

    @Test("the one-line description names the learning rate")
    func description() {
        #expect(RMSProp(learningRate: 0.02, decay: 0.8).description.hasPrefix("rmsprop: lr 0.02, gamma 0.8"))
        #expect("\(Adam(learningRate: 0.001))".hasPrefix("adam: lr 0.001"))
    }

    @Test("every optimizer under every preset describes itself on one line that names the learning rate once")
    func descriptionOfEveryConfiguration() throws {
        for preset in Preset.allCases {
            for name in OptimizerRegistry.names {
                let algorithm = try OptimizerRegistry.algorithm(named: name, hyperparameters: ["lr": 0.25], preset: preset)
                let line = "\(algorithm)"
                #expect(!line.contains("\n"), "\(preset) \(name): \(line)")
                #expect(line.hasPrefix("\(type(of: algorithm).name): lr 0.25, "), "\(preset) \(name): \(line)")
                #expect(line.components(separatedBy: "lr 0.25").count == 2, "\(preset) \(name): \(line)")
            }
        }
        let torchCentered = try OptimizerRegistry.algorithm(named: "rmsprop", hyperparameters: ["centered": true], preset: .pytorch)
        #expect("\(torchCentered)".contains("centered true (mean by lerp)"))
        #expect(!"\(RMSProp(centering: .centered))".contains("lerp"))
    }
}
