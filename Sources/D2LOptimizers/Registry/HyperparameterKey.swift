/// The hyperparameter names the registry understands, with the framework spellings that mean
/// the same (names only: semantics come from the ``Preset``).
public enum HyperparameterKey: String, Sendable, CaseIterable {
    case lr, gamma, eps
    case epsPlacement = "eps_placement"
    case centered, momentum, nesterov
    case weightDecay = "weight_decay"
    case decoupledWeightDecay = "decoupled_weight_decay"
    case clipGradient = "clip_gradient"
    case clipNorm = "clip_norm"
    case clipWeights = "clip_weights"
    case rescaleGrad = "rescale_grad"
    case maximize
    case initialAccumulator = "initial_accumulator"
    case biasCorrection = "bias_correction"
    case lrSchedule = "lr_schedule"
    case warmup
    case beta1, beta2

    /// Other spellings: Gluon's `learning_rate`, `gamma1`, `gamma2`, `epsilon`, `wd`; PyTorch's
    /// `alpha`; Keras's `rho`, `clipvalue`, `global_clipnorm`; Optax's `decay`, `initial_scale`.
    public static let aliases: [String: HyperparameterKey] = [
        "learning_rate": .lr, "eta": .lr,
        "alpha": .gamma, "rho": .gamma, "gamma1": .gamma, "decay": .gamma,
        "epsilon": .eps,
        "gamma2": .momentum,
        "wd": .weightDecay,
        "clipvalue": .clipGradient,
        "global_clipnorm": .clipNorm,
        "initial_scale": .initialAccumulator, "initial_accumulator_value": .initialAccumulator,
    ]

    /// The key for `name`, which may be an alias.
    public init?(name: String) {
        if let key = HyperparameterKey(rawValue: name) ?? Self.aliases[name] {
            self = key
        } else {
            return nil
        }
    }

    /// Keys every optimizer takes.
    public static let common: [HyperparameterKey] = [
        .lr, .weightDecay, .decoupledWeightDecay, .clipGradient, .clipNorm, .clipWeights, .rescaleGrad,
        .maximize, .lrSchedule, .warmup,
    ]
}
