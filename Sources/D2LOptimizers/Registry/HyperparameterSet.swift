/// Named hyperparameters checked against the keys one optimizer takes.
struct HyperparameterSet {
    private var values: [HyperparameterKey: HyperparameterValue] = [:]

    /// Resolves aliases and rejects keys that are unknown or that `optimizer` does not take.
    init(_ given: [String: HyperparameterValue], optimizer: String, accepted: [HyperparameterKey]) throws(OptimizerError) {
        let acceptedNames = accepted.map(\.rawValue).sorted()
        for (name, value) in given.sorted(by: { $0.key < $1.key }) {
            guard let key = HyperparameterKey(name: name), accepted.contains(key) else {
                let candidates = acceptedNames + HyperparameterKey.aliases.filter { accepted.contains($0.value) }.map(\.key)
                throw .unknownKey(name, optimizer: optimizer, known: acceptedNames, suggestion: nearest(to: name, among: candidates))
            }
            guard values[key] == nil else {
                throw .inapplicable(name: name, reason: "'\(key.rawValue)' is given twice under different names")
            }
            values[key] = value
        }
    }

    func contains(_ key: HyperparameterKey) -> Bool { values[key] != nil }

    func number(_ key: HyperparameterKey) throws(OptimizerError) -> Double? {
        try values[key]?.number(key.rawValue)
    }

    func flag(_ key: HyperparameterKey) throws(OptimizerError) -> Bool? {
        try values[key]?.flag(key.rawValue)
    }

    func text(_ key: HyperparameterKey) -> String? { values[key]?.text }

    /// The options every optimizer takes, on top of `defaults`.
    func commonOptions(_ defaults: CommonOptions, globalNormFormula formula: GlobalNormClipping.Formula) throws(OptimizerError) -> CommonOptions {
        var options = defaults
        if let lr = try number(.lr) { options.learningRate.base = lr }
        if let schedule = text(.lrSchedule) { options.learningRate.schedule = try LearningRateSchedule(parsing: schedule) }
        if let warmup = try number(.warmup) {
            guard warmup >= 0, warmup == warmup.rounded(), warmup < Double(Int.max) else {
                throw .outOfRange(name: "warmup", value: warmup, valid: "a whole number of steps ≥ 0")
            }
            options.learningRate.warmup = Int(warmup)
        }
        if let decay = try number(.weightDecay) { options.weightDecay = decay }
        if let decoupled = try flag(.decoupledWeightDecay) { options.weightDecayMode = decoupled ? .decoupled : .coupled }
        if let bound = try number(.clipGradient) { options.clipGradient = bound }
        if let bound = try number(.clipNorm) { options.clipNorm = GlobalNormClipping(maximum: bound, formula: formula) }
        if let bound = try number(.clipWeights) { options.clipWeights = bound }
        if let rescale = try number(.rescaleGrad) { options.rescaleGradient = rescale }
        if let maximize = try flag(.maximize) { options.maximize = maximize }
        return options
    }

    func epsilonPlacement() throws(OptimizerError) -> EpsilonPlacement? {
        guard let text = text(.epsPlacement) else { return nil }
        guard let placement = EpsilonPlacement(rawValue: text) else {
            throw .inapplicable(name: "eps_placement '\(text)'", reason: "expected inside or outside")
        }
        return placement
    }
}
