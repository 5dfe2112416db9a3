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

    /// The common options: `preset`'s, with `learningRate`, under `defaults` for the optimizer
    /// (which may change them), then the given values.
    private static func configure<Algorithm: OptimizationAlgorithm>(
        _ algorithm: Algorithm, _ given: HyperparameterSet, _ preset: Preset, defaults: (inout Algorithm) -> Void
    ) throws(OptimizerError) -> Algorithm {
        var algorithm = algorithm
        defaults(&algorithm)
        algorithm.options = try given.commonOptions(algorithm.options, globalNormFormula: preset.globalNormFormula)
        preset.conventions.finish(&algorithm.options)
        return algorithm
    }

    private static func sgd(_ given: HyperparameterSet, _ preset: Preset, momentum: Double) throws(OptimizerError) -> SGD {
        let initial = SGD(momentum: momentum, momentumStyle: preset.momentumStyle, options: preset.commonOptions(learningRate: 0.01))
        var sgd = try configure(initial, given, preset) { preset.conventions.setDefaults(of: &$0) }
        if let momentum = try given.number(.momentum) { sgd.momentum = momentum }
        return sgd
    }

    private static func adam(_ given: HyperparameterSet, _ preset: Preset) throws(OptimizerError) -> Adam {
        var adam = try configure(Adam(options: preset.commonOptions(learningRate: 0.01)), given, preset) {
            preset.conventions.setDefaults(of: &$0)
        }
        if let beta1 = try given.number(.beta1) { adam.beta1 = beta1 }
        if let beta2 = try given.number(.beta2) { adam.beta2 = beta2 }
        if let epsilon = try given.number(.eps) { adam.epsilon = epsilon }
        return adam
    }

    private static func adadelta(_ given: HyperparameterSet, _ preset: Preset) throws(OptimizerError) -> Adadelta {
        var adadelta = try configure(Adadelta(options: preset.commonOptions(learningRate: 1)), given, preset) {
            preset.conventions.setDefaults(of: &$0)
        }
        if let rho = try given.number(.gamma) { adadelta.rho = rho }
        if let epsilon = try given.number(.eps) { adadelta.epsilon = epsilon }
        return adadelta
    }

    private static func adagrad(_ given: HyperparameterSet, _ preset: Preset) throws(OptimizerError) -> Adagrad {
        var adagrad = try configure(Adagrad(options: preset.commonOptions(learningRate: 0.1)), given, preset) {
            preset.conventions.setDefaults(of: &$0)
        }
        if let epsilon = try given.number(.eps) { adagrad.epsilon = epsilon }
        if let placement = try given.epsilonPlacement() { adagrad.epsilonPlacement = placement }
        if let initial = try given.number(.initialAccumulator) { adagrad.initialAccumulator = initial }
        return adagrad
    }

    private static func rmsprop(_ given: HyperparameterSet, _ preset: Preset) throws(OptimizerError) -> RMSProp {
        var rmsprop = try configure(preset.rmsprop(learningRate: 0.01), given, preset) { _ in }
        if let decay = try given.number(.gamma) { rmsprop.decay = decay }
        if let epsilon = try given.number(.eps) { rmsprop.epsilon = epsilon }
        if let placement = try given.epsilonPlacement() { rmsprop.epsilonPlacement = placement }
        if let centered = try given.flag(.centered) { rmsprop.centering = centered ? preset.conventions.centeredForm : .uncentered }
        if let nesterov = try given.flag(.nesterov) { rmsprop.momentumStyle = nesterov ? .nesterov : preset.momentumStyle }
        if let initial = try given.number(.initialAccumulator) { rmsprop.initialAccumulator = initial }
        if let correction = try given.flag(.biasCorrection) { rmsprop.biasCorrection = correction }
        try preset.conventions.applyMomentum(try given.number(.momentum), to: &rmsprop)
        return rmsprop
    }
}
