import D2LOptimizers
import Testing

@Suite("The optimizer registry")
struct RegistryTests {
    @Test("Gluon and PyTorch keys name the same hyperparameters")
    func aliases() throws {
        let gluon = try #require(try OptimizerRegistry.algorithm(named: "rmsprop", hyperparameters: ["learning_rate": 0.02, "gamma1": 0.8, "epsilon": 1e-7, "wd": 0.1]) as? RMSProp)
        let torch = try #require(try OptimizerRegistry.algorithm(named: "rmsprop", hyperparameters: ["lr": 0.02, "alpha": 0.8, "eps": 1e-7, "weight_decay": 0.1]) as? RMSProp)
        #expect(gluon == torch)
        #expect(gluon.decay == 0.8)
        #expect(gluon.options.learningRate.base == 0.02)
        #expect(gluon.options.weightDecay == 0.1)
    }

    @Test("without a preset the book's rule: gamma 0.9, eps 1e-6 inside the square root")
    func bookDefaults() throws {
        let rmsprop = try #require(try OptimizerRegistry.algorithm(named: "rmsprop") as? RMSProp)
        #expect(rmsprop == RMSProp())
        #expect(rmsprop.decay == 0.9 && rmsprop.epsilon == 1e-6 && rmsprop.epsilonPlacement == .insideSquareRoot)
    }

    @Test("the MXNet preset takes Gluon's defaults and refuses momentum without centered")
    func mxnet() throws {
        let rmsprop = try #require(try OptimizerRegistry.algorithm(named: "rmsprop", preset: .mxnet) as? RMSProp)
        #expect(rmsprop.epsilon == 1e-8)
        #expect(rmsprop.options.precision == .mxnet)
        let centered = try #require(try OptimizerRegistry.algorithm(named: "rmsprop", hyperparameters: ["centered": true], preset: .mxnet) as? RMSProp)
        #expect(centered.momentum == 0.9 && centered.momentumStyle == .learningRateInsideBuffer)
        #expect(throws: OptimizerError.self) {
            try OptimizerRegistry.algorithm(named: "rmsprop", hyperparameters: ["gamma2": 0.9], preset: .mxnet)
        }
    }

    @Test("an unknown optimizer name lists the known ones and suggests the nearest")
    func unknownName() {
        #expect(throws: OptimizerError.unknownOptimizer("rmsprob", known: OptimizerRegistry.names, suggestion: "rmsprop")) {
            try OptimizerRegistry.algorithm(named: "rmsprob")
        }
    }

    @Test("an unknown or inapplicable key is an error with the valid keys", arguments: [
        ("rmsprop", "gama"), ("sgd", "gamma"), ("adagrad", "momentum"), ("rmsprop", "beta1"),
    ])
    func unknownKey(optimizer: String, key: String) throws {
        do {
            _ = try OptimizerRegistry.algorithm(named: optimizer, hyperparameters: [key: 0.5])
            Issue.record("\(key) accepted by \(optimizer)")
        } catch let OptimizerError.unknownKey(name, optimizerName, known, _) {
            #expect(name == key && optimizerName == optimizer)
            #expect(known == (try OptimizerRegistry.keys(for: optimizer)))
        }
    }

    @Test("values out of range are refused before any work", arguments: [
        ["lr": -0.1], ["gamma": 1.01], ["gamma": -0.1], ["eps": -1e-8], ["momentum": 1.0], ["momentum": -0.5],
        ["nesterov": true], ["gamma": 1.0, "bias_correction": true], ["lr": .number(.nan)], ["lr_schedule": "step:0:0.5"],
        ["clip_gradient": 0.0], ["weight_decay": -1.0],
    ] as [[String: HyperparameterValue]])
    func outOfRange(hyperparameters: [String: HyperparameterValue]) {
        #expect(throws: OptimizerError.self) { try OptimizerRegistry.algorithm(named: "rmsprop", hyperparameters: hyperparameters) }
    }

    @Test("gamma = 1 is allowed: it is one of the section's exercises")
    func gammaOne() throws {
        #expect(throws: Never.self) { try OptimizerRegistry.algorithm(named: "rmsprop", hyperparameters: ["gamma": 1.0]) }
    }

    @Test("learning-rate schedules parse from their command-line form", arguments: [
        ("constant", LearningRateSchedule.constant),
        ("step:10:0.5", .step(every: 10, factor: 0.5)),
        ("multistep:5,20:0.1", .multistep(milestones: [5, 20], factor: 0.1)),
        ("exponential:0.99", .exponential(factor: 0.99)),
        ("cosine:100", .cosine(total: 100, minimum: 0)),
        ("cosine:100:0.001", .cosine(total: 100, minimum: 0.001)),
    ])
    func scheduleParsing(text: String, expected: LearningRateSchedule) throws {
        #expect(try LearningRateSchedule(parsing: text) == expected)
    }

    @Test("typed settings build the same algorithm as the same values given by name, under every preset", arguments: Preset.allCases)
    func typedSettings(preset: Preset) throws {
        var settings = OptimizerSettings()
        settings.learningRate = 0.02
        settings.decay = 0.8
        settings.centered = true
        settings.momentum = 0.5
        settings.weightDecay = 1e-3
        settings.schedule = .step(every: 10, factor: 0.5)
        let typed = try #require(try OptimizerRegistry.algorithm(named: "rmsprop", settings: settings, preset: preset) as? RMSProp)
        let named = try #require(try OptimizerRegistry.algorithm(
            named: "rmsprop",
            hyperparameters: ["lr": 0.02, "gamma1": 0.8, "centered": true, "gamma2": 0.5, "wd": 1e-3, "lr_schedule": "step:10:0.5"],
            preset: preset) as? RMSProp)
        #expect(typed == named)
    }

    @Test("a typed setting the optimizer does not take is refused, naming it")
    func typedSettingRefused() {
        var settings = OptimizerSettings()
        settings.beta1 = 0.9
        let error = #expect(throws: OptimizerError.self) { try OptimizerRegistry.algorithm(named: "rmsprop", settings: settings) }
        #expect(error?.description.contains("beta1") == true)
    }

    @Test("optimizer names are matched without regard to case", arguments: ["RMSProp", "RMSprop", "rmsprop", "RMSPROP"])
    func caseInsensitiveNames(name: String) throws {
        let algorithm = try #require(try OptimizerRegistry.algorithm(named: name, hyperparameters: ["gamma1": 0.8]) as? RMSProp)
        #expect(algorithm == RMSProp(decay: 0.8))
        #expect(OptimizerRegistry.canonicalName(name) == "rmsprop")
    }

    @Test("a misspelt name in any case gets the nearest name as a suggestion")
    func caseInsensitiveSuggestion() {
        let error = #expect(throws: OptimizerError.self) { try OptimizerRegistry.algorithm(named: "RMSprob") }
        #expect(error?.description.contains("'rmsprop'") == true)
    }
}
