/// Everything one framework decides about an optimizer beyond its formulas: defaults, the
/// precision hyperparameters reach the arithmetic in, the order of gradient processing, how
/// schedules count steps. Each ``Preset`` has one conforming type, in its own file
/// (`Preset+PyTorch.swift`, …), so that "how does this framework do it" is read in one place.
protocol FrameworkConventions {
    /// How hyperparameters reach the arithmetic.
    static var precision: HyperparameterPrecision { get }
    /// How clipping bounds reach the arithmetic.
    static var clippingPrecision: HyperparameterPrecision { get }
    /// Whether clipping by value comes before or after coupled weight decay.
    static var clippingOrder: ClippingOrder { get }
    /// The formula of clipping by global norm.
    static var globalNormFormula: GlobalNormClipping.Formula { get }
    /// What `weight_decay` means.
    static var weightDecayMode: WeightDecayMode { get }
    /// Where the learning rate sits relative to a momentum buffer.
    static var momentumStyle: MomentumStyle { get }
    /// How centred RMSProp updates its mean gradient.
    static var centeredForm: RMSProp.Centering { get }

    /// The learning rate after `k` steps (0 for the first update) for base rate `base`,
    /// `schedule` and `warmup` steps of linear warm-up.
    static func learningRate(base: Double, schedule: LearningRateSchedule, warmup: Int, step k: Int) -> Double

    /// Sets RMSProp's own defaults (the learning rate and common options stay as given).
    static func setDefaults(of rmsprop: inout RMSProp)
    /// Sets SGD's own defaults.
    static func setDefaults(of sgd: inout SGD)
    /// Sets Adam's own defaults.
    static func setDefaults(of adam: inout Adam)
    /// Sets Adagrad's own defaults.
    static func setDefaults(of adagrad: inout Adagrad)
    /// Sets Adadelta's own defaults.
    static func setDefaults(of adadelta: inout Adadelta)

    /// Applies a momentum the user gave (or none) to RMSProp, refusing what the framework does
    /// not support.
    static func applyMomentum(_ momentum: Double?, to rmsprop: inout RMSProp) throws(OptimizerError)

    /// Rounds or adjusts the common options after the user's values are in.
    static func finish(_ options: inout CommonOptions)
}

extension FrameworkConventions {
    /// Most frameworks update the mean gradient in the same form as the mean square.
    static var centeredForm: RMSProp.Centering { .centered }

    /// Most frameworks take RMSProp's momentum as given.
    static func applyMomentum(_ momentum: Double?, to rmsprop: inout RMSProp) throws(OptimizerError) {
        if let momentum { rmsprop.momentum = momentum }
    }

    /// Most frameworks keep the options as given.
    static func finish(_ options: inout CommonOptions) {}

    /// The common options with this framework's conventions and base learning rate
    /// `learningRate`.
    static func commonOptions(learningRate: Double, preset: Preset) -> CommonOptions {
        CommonOptions(
            learningRate: ScheduledLearningRate(learningRate, convention: preset),
            weightDecayMode: weightDecayMode, precision: precision, clippingOrder: clippingOrder,
            clippingPrecision: clippingPrecision
        )
    }
}

extension Preset {
    /// This framework's conventions.
    var conventions: any FrameworkConventions.Type {
        switch self {
        case .book: BookConventions.self
        case .pytorch: PyTorchConventions.self
        case .mxnet: MXNetConventions.self
        case .keras: KerasConventions.self
        case .optax: OptaxConventions.self
        case .tensorflow1: TensorFlow1Conventions.self
        }
    }
}
