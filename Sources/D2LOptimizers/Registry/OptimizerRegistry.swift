/// Optimizers by name, configured from named hyperparameters under a ``Preset``'s conventions.
///
/// ```swift
/// let algorithm = try OptimizerRegistry.algorithm(
///     named: "rmsprop", hyperparameters: ["learning_rate": 0.01, "gamma1": 0.9], preset: .mxnet)
/// var optimizer = try Optimizer<Float>(algorithm)
/// ```
public enum OptimizerRegistry {
    /// The names the registry knows. Names are matched without regard to case, as MXNet's
    /// registry does: `RMSProp`, `RMSprop` and `rmsprop` are one optimizer.
    public static let names = ["adadelta", "adagrad", "adam", "momentum", "rmsprop", "sgd"]

    /// `name` as the registry spells it (lowercase), or nil for a name it does not know.
    public static func canonicalName(_ name: String) -> String? {
        let lowered = name.lowercased()
        return names.contains(lowered) ? lowered : nil
    }

    /// The keys `name` takes (canonical spellings), sorted.
    public static func keys(for name: String) throws(OptimizerError) -> [String] {
        try accepted(name).map(\.rawValue).sorted()
    }

    /// The algorithm called `name`, with `hyperparameters` (by name, in any framework's
    /// spelling) over `preset`'s defaults.
    ///
    /// - Throws: ``OptimizerError`` for an unknown name or key (with the nearest valid one), a
    ///   value out of range, or a combination the preset does not support.
    public static func algorithm(
        named name: String, hyperparameters: [String: HyperparameterValue] = [:], preset: Preset = .book
    ) throws(OptimizerError) -> any OptimizationAlgorithm {
        try algorithm(named: name, settings: OptimizerSettings(hyperparameters, optimizer: name), preset: preset)
    }

    /// The algorithm called `name`, with `settings` over `preset`'s defaults.
    ///
    /// - Throws: ``OptimizerError`` for an unknown name, a setting the optimizer does not take,
    ///   a value out of range, or a combination the preset does not support.
    public static func algorithm(
        named name: String, settings: OptimizerSettings, preset: Preset = .book
    ) throws(OptimizerError) -> any OptimizationAlgorithm {
        let accepted = try accepted(name)
        let name = name.lowercased()
        if let key = settings.givenKeys.first(where: { !accepted.contains($0) }) {
            throw refusal(of: key.rawValue, optimizer: name, accepted: accepted)
        }
        let algorithm: any OptimizationAlgorithm
        switch name {
        case SGD.name: algorithm = sgd(settings, preset, momentum: 0)
        case "momentum": algorithm = sgd(settings, preset, momentum: 0.5)
        case Adagrad.name: algorithm = adagrad(settings, preset)
        case Adam.name: algorithm = adam(settings, preset)
        case Adadelta.name: algorithm = adadelta(settings, preset)
        default: algorithm = try rmsprop(settings, preset)
        }
        try algorithm.validate()
        return algorithm
    }

    /// The error for hyperparameter `key`, which optimizer `name` does not take: it lists the
    /// keys it does take and suggests the nearest of them or of their aliases.
    static func refusal(of key: String, optimizer name: String, accepted: [HyperparameterKey]) -> OptimizerError {
        let acceptedNames = accepted.map(\.rawValue).sorted()
        let candidates = acceptedNames + HyperparameterKey.aliases.filter { accepted.contains($0.value) }.map(\.key)
        return .unknownKey(key, optimizer: name, known: acceptedNames, suggestion: nearest(to: key, among: candidates))
    }

    /// The keys optimizer `name` takes.
    static func accepted(_ name: String) throws(OptimizerError) -> [HyperparameterKey] {
        switch name.lowercased() {
        case SGD.name, "momentum": return HyperparameterKey.common + [.momentum]
        case Adam.name: return HyperparameterKey.common + [.beta1, .beta2, .eps]
        case Adadelta.name: return HyperparameterKey.common + [.gamma, .eps]
        case Adagrad.name: return HyperparameterKey.common + [.eps, .epsPlacement, .initialAccumulator]
        case RMSProp.name:
            return HyperparameterKey.common + [
                .gamma, .eps, .epsPlacement, .centered, .momentum, .nesterov, .initialAccumulator, .biasCorrection,
            ]
        default:
            throw .unknownOptimizer(name, known: names, suggestion: nearest(to: name.lowercased(), among: names))
        }
    }

    /// `algorithm` with `preset`'s defaults for it (which may change its common options), then
    /// the common settings given.
    private static func configure<Algorithm: OptimizationAlgorithm>(
        _ algorithm: Algorithm, _ settings: OptimizerSettings, _ preset: Preset, defaults: (inout Algorithm) -> Void
    ) -> Algorithm {
        var algorithm = algorithm
        defaults(&algorithm)
        algorithm.options = settings.commonOptions(algorithm.options, globalNormFormula: preset.globalNormFormula)
        preset.conventions.finish(&algorithm.options)
        return algorithm
    }

    private static func sgd(_ settings: OptimizerSettings, _ preset: Preset, momentum: Double) -> SGD {
        let initial = SGD(momentum: momentum, momentumStyle: preset.momentumStyle, options: preset.commonOptions(learningRate: 0.01))
        var sgd = configure(initial, settings, preset) { preset.conventions.setDefaults(of: &$0) }
        if let momentum = settings.momentum { sgd.momentum = momentum }
        return sgd
    }

    private static func adam(_ settings: OptimizerSettings, _ preset: Preset) -> Adam {
        var adam = configure(Adam(options: preset.commonOptions(learningRate: 0.01)), settings, preset) {
            preset.conventions.setDefaults(of: &$0)
        }
        if let beta1 = settings.beta1 { adam.beta1 = beta1 }
        if let beta2 = settings.beta2 { adam.beta2 = beta2 }
        if let epsilon = settings.epsilon { adam.epsilon = epsilon }
        return adam
    }

    private static func adadelta(_ settings: OptimizerSettings, _ preset: Preset) -> Adadelta {
        var adadelta = configure(Adadelta(options: preset.commonOptions(learningRate: 1)), settings, preset) {
            preset.conventions.setDefaults(of: &$0)
        }
        if let rho = settings.decay { adadelta.rho = rho }
        if let epsilon = settings.epsilon { adadelta.epsilon = epsilon }
        return adadelta
    }

    private static func adagrad(_ settings: OptimizerSettings, _ preset: Preset) -> Adagrad {
        var adagrad = configure(Adagrad(options: preset.commonOptions(learningRate: 0.1)), settings, preset) {
            preset.conventions.setDefaults(of: &$0)
        }
        if let epsilon = settings.epsilon { adagrad.epsilon = epsilon }
        if let placement = settings.epsilonPlacement { adagrad.epsilonPlacement = placement }
        if let initial = settings.initialAccumulator { adagrad.initialAccumulator = initial }
        return adagrad
    }

    private static func rmsprop(_ settings: OptimizerSettings, _ preset: Preset) throws(OptimizerError) -> RMSProp {
        var rmsprop = configure(preset.rmsprop(learningRate: 0.01), settings, preset) { _ in }
        if let decay = settings.decay { rmsprop.decay = decay }
        if let epsilon = settings.epsilon { rmsprop.epsilon = epsilon }
        if let placement = settings.epsilonPlacement { rmsprop.epsilonPlacement = placement }
        if let centered = settings.centered { rmsprop.centering = centered ? preset.conventions.centeredForm : .uncentered }
        if let nesterov = settings.nesterov { rmsprop.momentumStyle = nesterov ? .nesterov : preset.momentumStyle }
        if let initial = settings.initialAccumulator { rmsprop.initialAccumulator = initial }
        if let correction = settings.biasCorrection { rmsprop.biasCorrection = correction }
        try preset.conventions.applyMomentum(settings.momentum, to: &rmsprop)
        return rmsprop
    }
}
