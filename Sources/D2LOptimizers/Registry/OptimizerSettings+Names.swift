extension OptimizerSettings {
    /// Settings read from named hyperparameters, as Gluon's and PyTorch's keyword arguments
    /// give them: every framework spelling of ``HyperparameterKey``, numbers, flags and words.
    ///
    /// - Throws: ``OptimizerError`` for a name `optimizer` does not take (with the nearest one it
    ///   does), a key given twice under two names, or a value of the wrong kind.
    public init(_ hyperparameters: [String: HyperparameterValue], optimizer: String) throws(OptimizerError) {
        let accepted = try OptimizerRegistry.accepted(optimizer)
        var seen = Set<HyperparameterKey>()
        self.init()
        for (name, value) in hyperparameters.sorted(by: { $0.key < $1.key }) {
            guard let key = HyperparameterKey(name: name), accepted.contains(key) else {
                throw OptimizerRegistry.refusal(of: name, optimizer: optimizer, accepted: accepted)
            }
            guard seen.insert(key).inserted else {
                throw .inapplicable(name: name, reason: "'\(key.rawValue)' is given twice under different names")
            }
            try set(key, to: value)
        }
    }

    /// Sets the setting `key` names from `value`.
    private mutating func set(_ key: HyperparameterKey, to value: HyperparameterValue) throws(OptimizerError) {
        let name = key.rawValue
        switch key {
        case .lr: learningRate = try value.number(name)
        case .gamma: decay = try value.number(name)
        case .eps: epsilon = try value.number(name)
        case .epsPlacement:
            guard let placement = EpsilonPlacement(rawValue: value.text) else {
                throw .inapplicable(name: "eps_placement '\(value.text)'", reason: "expected inside or outside")
            }
            epsilonPlacement = placement
        case .centered: centered = try value.flag(name)
        case .momentum: momentum = try value.number(name)
        case .nesterov: nesterov = try value.flag(name)
        case .weightDecay: weightDecay = try value.number(name)
        case .decoupledWeightDecay: decoupledWeightDecay = try value.flag(name)
        case .clipGradient: clipGradient = try value.number(name)
        case .clipNorm: clipNorm = try value.number(name)
        case .clipWeights: clipWeights = try value.number(name)
        case .rescaleGrad: rescaleGradient = try value.number(name)
        case .maximize: maximize = try value.flag(name)
        case .initialAccumulator: initialAccumulator = try value.number(name)
        case .biasCorrection: biasCorrection = try value.flag(name)
        case .lrSchedule: schedule = try LearningRateSchedule(parsing: value.text)
        case .warmup:
            let steps = try value.number(name)
            guard steps >= 0, steps == steps.rounded(), steps < Double(Int.max) else {
                throw .outOfRange(name: "warmup", value: steps, valid: "a whole number of steps ≥ 0")
            }
            warmup = Int(steps)
        case .beta1: beta1 = try value.number(name)
        case .beta2: beta2 = try value.number(name)
        }
    }
}
