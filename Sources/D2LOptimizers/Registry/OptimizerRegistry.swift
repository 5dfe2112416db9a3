/// Optimizers by name, configured from named hyperparameters under a ``Preset``'s conventions.
///
/// ```swift
/// let algorithm = try OptimizerRegistry.algorithm(
///     named: "rmsprop", hyperparameters: ["learning_rate": 0.01, "gamma1": 0.9], preset: .mxnet)
/// var optimizer = try Optimizer<Float>(algorithm)
/// ```
public enum OptimizerRegistry {
    /// The names the registry knows.
    public static let names = ["adagrad", "rmsprop", "sgd"]

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
        case SGD.name: algorithm = try sgd(given, preset)
        case Adagrad.name: algorithm = try adagrad(given, preset)
        default: algorithm = try rmsprop(given, preset)
        }
        try algorithm.validate()
        return algorithm
    }

    private static func accepted(_ name: String) throws(OptimizerError) -> [HyperparameterKey] {
        switch name {
        case SGD.name: return HyperparameterKey.common + [.momentum]
        case Adagrad.name: return HyperparameterKey.common + [.eps, .epsPlacement, .initialAccumulator]
        case RMSProp.name:
            return HyperparameterKey.common + [
                .gamma, .eps, .epsPlacement, .centered, .momentum, .nesterov, .initialAccumulator, .biasCorrection,
            ]
        default:
            throw .unknownOptimizer(name, known: names, suggestion: nearest(to: name, among: names))
        }
    }

    private static func commonDefaults(_ preset: Preset, learningRate: Double) -> CommonOptions {
        var options = CommonOptions(learningRate: ScheduledLearningRate(learningRate))
        if preset == .mxnet { options.precision = .float32 }
        return options
    }

    private static func sgd(_ given: HyperparameterSet, _ preset: Preset) throws(OptimizerError) -> SGD {
        var sgd = SGD(options: try given.commonOptions(commonDefaults(preset, learningRate: 0.01)))
        if preset == .mxnet { sgd.momentumStyle = .learningRateInsideBuffer }
        if let momentum = try given.number(.momentum) { sgd.momentum = momentum }
        return sgd
    }

    private static func adagrad(_ given: HyperparameterSet, _ preset: Preset) throws(OptimizerError) -> Adagrad {
        var adagrad = Adagrad(options: try given.commonOptions(commonDefaults(preset, learningRate: 0.1)))
        if preset == .mxnet { adagrad.epsilon = 1e-7 }
        if let epsilon = try given.number(.eps) { adagrad.epsilon = epsilon }
        if let placement = try given.epsilonPlacement() { adagrad.epsilonPlacement = placement }
        if let initial = try given.number(.initialAccumulator) { adagrad.initialAccumulator = initial }
        return adagrad
    }

    private static func rmsprop(_ given: HyperparameterSet, _ preset: Preset) throws(OptimizerError) -> RMSProp {
        var rmsprop = RMSProp(options: try given.commonOptions(commonDefaults(preset, learningRate: 0.01)))
        if let decay = try given.number(.gamma) { rmsprop.decay = decay }
        if let placement = try given.epsilonPlacement() { rmsprop.epsilonPlacement = placement }
        if let centered = try given.flag(.centered) { rmsprop.centered = centered }
        if let nesterov = try given.flag(.nesterov) { rmsprop.nesterov = nesterov }
        if let initial = try given.number(.initialAccumulator) { rmsprop.initialAccumulator = initial }
        if let correction = try given.flag(.biasCorrection) { rmsprop.biasCorrection = correction }
        let momentum = try given.number(.momentum)
        switch preset {
        case .book:
            rmsprop.momentum = momentum ?? 0
        case .mxnet:
            rmsprop.epsilon = 1e-8
            rmsprop.momentumStyle = .learningRateInsideBuffer
            if rmsprop.centered {
                rmsprop.momentum = momentum ?? 0.9
            } else if let momentum, momentum != 0 {
                throw .inapplicable(name: "momentum (gamma2)", reason: "MXNet's RMSProp uses momentum only when centered; add centered or drop momentum")
            }
        }
        if let epsilon = try given.number(.eps) { rmsprop.epsilon = epsilon }
        return rmsprop
    }
}
