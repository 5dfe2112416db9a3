/// Optimizers by name, configured from named hyperparameters under a ``Preset``'s conventions.
///
/// ```swift
/// let algorithm = try OptimizerRegistry.algorithm(
///     named: "rmsprop", hyperparameters: ["learning_rate": 0.01, "gamma1": 0.9], preset: .mxnet)
/// var optimizer = try Optimizer<Float>(algorithm)
/// ```
public enum OptimizerRegistry {
    /// The names the registry knows.
    public static let names = ["adadelta", "adagrad", "adam", "momentum", "rmsprop", "sgd"]

    /// The keys `name` takes (canonical spellings), sorted.
    public static func keys(for name: String) throws(OptimizerError) -> [String] {
        try accepted(name).map(\.rawValue).sorted()
    }

    /// The algorithm called `name`, with `hyperparameters` over `preset`'s defaults.
    ///
    /// - Throws: ``OptimizerError`` for an unknown name or key (with the nearest valid one), a
    ///   value out of range, or a combination the preset does not support.
    public static func algorithm(
        named name: String, hyperparameters: [String: HyperparameterValue] = [:], preset: Preset = .book
    ) throws(OptimizerError) -> any OptimizationAlgorithm {
        let given = try HyperparameterSet(hyperparameters, optimizer: name, accepted: try accepted(name))
        let algorithm: any OptimizationAlgorithm
        switch name {
        case SGD.name: algorithm = try sgd(given, preset, momentum: 0)
        case "momentum": algorithm = try sgd(given, preset, momentum: 0.5)
        case Adagrad.name: algorithm = try adagrad(given, preset)
        case Adam.name: algorithm = try adam(given, preset)
        case Adadelta.name: algorithm = try adadelta(given, preset)
        default: algorithm = try rmsprop(given, preset)
        }
        try algorithm.validate()
        return algorithm
    }

    private static func accepted(_ name: String) throws(OptimizerError) -> [HyperparameterKey] {
        switch name {
        case SGD.name, "momentum": return HyperparameterKey.common + [.momentum]
        case Adam.name: return HyperparameterKey.common + [.beta1, .beta2, .eps]
        case Adadelta.name: return HyperparameterKey.common + [.gamma, .eps]
        case Adagrad.name: return HyperparameterKey.common + [.eps, .epsPlacement, .initialAccumulator]
        case RMSProp.name:
            return HyperparameterKey.common + [
                .gamma, .eps, .epsPlacement, .centered, .momentum, .nesterov, .initialAccumulator, .biasCorrection,
            ]
        default:
            throw .unknownOptimizer(name, known: names, suggestion: nearest(to: name, among: names))
        }
    }

    private static func options(_ given: HyperparameterSet, _ preset: Preset, learningRate: Double) throws(OptimizerError) -> CommonOptions {
        var options = try given.commonOptions(preset.commonOptions(learningRate: learningRate), globalNormFormula: preset.globalNormFormula)
        if preset == .keras && options.weightDecayMode == .decoupled {
            // Keras on TensorFlow holds the decoupled decay as a Float even for Double variables.
            options.weightDecay = Double(Float(options.weightDecay))
        }
        return options
    }

    private static func sgd(_ given: HyperparameterSet, _ preset: Preset, momentum: Double) throws(OptimizerError) -> SGD {
        var sgd = SGD(momentum: momentum, momentumStyle: preset.momentumStyle, options: try options(given, preset, learningRate: 0.01))
        switch preset {
        case .mxnet: sgd.options.clippingOrder = .beforeCoupledDecay
        case .tensorflow1: sgd.momentumStyle = .learningRateOutsideBuffer
        default: break
        }
        if let momentum = try given.number(.momentum) { sgd.momentum = momentum }
        return sgd
    }

    private static func adam(_ given: HyperparameterSet, _ preset: Preset) throws(OptimizerError) -> Adam {
        var adam = Adam(options: try options(given, preset, learningRate: 0.01))
        switch preset {
        case .book: break
        case .pytorch, .optax: adam.epsilon = 1e-8
        case .mxnet, .tensorflow1: (adam.epsilon, adam.biasCorrectionStyle) = (1e-8, .folded)
        case .keras: (adam.epsilon, adam.biasCorrectionStyle) = (1e-7, .folded)
        }
        if let beta1 = try given.number(.beta1) { adam.beta1 = beta1 }
        if let beta2 = try given.number(.beta2) { adam.beta2 = beta2 }
        if let epsilon = try given.number(.eps) { adam.epsilon = epsilon }
        return adam
    }

    private static func adadelta(_ given: HyperparameterSet, _ preset: Preset) throws(OptimizerError) -> Adadelta {
        var adadelta = Adadelta(options: try options(given, preset, learningRate: 1))
        switch preset {
        case .book, .mxnet: break
        case .pytorch, .optax: adadelta.epsilon = 1e-6
        case .keras: (adadelta.rho, adadelta.epsilon) = (0.95, 1e-7)
        case .tensorflow1: (adadelta.rho, adadelta.epsilon) = (0.95, 1e-8)
        }
        if let rho = try given.number(.gamma) { adadelta.rho = rho }
        if let epsilon = try given.number(.eps) { adadelta.epsilon = epsilon }
        return adadelta
    }

    private static func adagrad(_ given: HyperparameterSet, _ preset: Preset) throws(OptimizerError) -> Adagrad {
        var adagrad = Adagrad(options: try options(given, preset, learningRate: 0.1))
        switch preset {
        case .book: break
        case .pytorch: (adagrad.epsilon, adagrad.epsilonPlacement) = (1e-10, .outsideSquareRoot)
        case .mxnet:
            adagrad.epsilon = 1e-7
            if !given.contains(.decoupledWeightDecay) { adagrad.options.weightDecayMode = .decoupled }
        case .keras, .optax: (adagrad.epsilon, adagrad.initialAccumulator) = (1e-7, 0.1)
        case .tensorflow1: (adagrad.epsilon, adagrad.initialAccumulator) = (0, 0.1)
        }
        if let epsilon = try given.number(.eps) { adagrad.epsilon = epsilon }
        if let placement = try given.epsilonPlacement() { adagrad.epsilonPlacement = placement }
        if let initial = try given.number(.initialAccumulator) { adagrad.initialAccumulator = initial }
        return adagrad
    }

    private static func rmsprop(_ given: HyperparameterSet, _ preset: Preset) throws(OptimizerError) -> RMSProp {
        var rmsprop = preset.rmsprop(learningRate: 0.01)
        rmsprop.options = try options(given, preset, learningRate: 0.01)
        if let decay = try given.number(.gamma) { rmsprop.decay = decay }
        if let epsilon = try given.number(.eps) { rmsprop.epsilon = epsilon }
        if let placement = try given.epsilonPlacement() { rmsprop.epsilonPlacement = placement }
        if let centered = try given.flag(.centered) { rmsprop.centered = centered }
        if let nesterov = try given.flag(.nesterov) { rmsprop.nesterov = nesterov }
        if let initial = try given.number(.initialAccumulator) { rmsprop.initialAccumulator = initial }
        if let correction = try given.flag(.biasCorrection) { rmsprop.biasCorrection = correction }
        let momentum = try given.number(.momentum)
        if preset == .mxnet {
            if rmsprop.centered {
                rmsprop.momentum = momentum ?? 0.9
            } else if let momentum, momentum != 0 {
                throw .inapplicable(name: "momentum (gamma2)", reason: "MXNet's RMSProp uses momentum only when centered; add centered or drop momentum")
            }
        } else if let momentum {
            rmsprop.momentum = momentum
        }
        return rmsprop
    }
}
