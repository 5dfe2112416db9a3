/// What a user chose for an optimizer, typed, whatever the optimizer; `nil` leaves the
/// preset's default. ``OptimizerRegistry/algorithm(named:settings:preset:)`` turns it into an
/// algorithm, refusing a setting the optimizer does not take.
///
/// ```swift
/// var settings = OptimizerSettings()
/// settings.learningRate = 0.01
/// settings.decay = 0.9
/// settings.centered = true
/// let algorithm = try OptimizerRegistry.algorithm(named: "rmsprop", settings: settings, preset: .pytorch)
/// ```
///
/// Where users type names (a Gluon-style `Trainer("rmsprop", ["gamma1": 0.9])`), the string
/// form ``init(_:optimizer:)`` reads them, with every framework's spelling, in one place.
public struct OptimizerSettings: Sendable, Equatable {
    /// The base learning rate η (`lr`, `learning_rate`, `eta`).
    public var learningRate: Double?
    /// How η changes with the step (`lr_schedule`).
    public var schedule: LearningRateSchedule?
    /// Steps of linear warm-up (`warmup`).
    public var warmup: Int?
    /// The decay γ of the running averages (`gamma`, `alpha`, `rho`, `gamma1`, `decay`).
    public var decay: Double?
    /// ε (`eps`, `epsilon`).
    public var epsilon: Double?
    /// Where ε enters the denominator (`eps_placement`).
    public var epsilonPlacement: EpsilonPlacement?
    /// Centred RMSProp (`centered`).
    public var centered: Bool?
    /// Momentum μ (`momentum`, `gamma2`).
    public var momentum: Double?
    /// Nesterov momentum (`nesterov`).
    public var nesterov: Bool?
    /// Adam's β₁ (`beta1`).
    public var beta1: Double?
    /// Adam's β₂ (`beta2`).
    public var beta2: Double?
    /// The starting value of the accumulated square (`initial_accumulator`, `initial_scale`).
    public var initialAccumulator: Double?
    /// Divide the mean square by `1 − γᵗ` (`bias_correction`).
    public var biasCorrection: Bool?
    /// Weight decay λ (`weight_decay`, `wd`).
    public var weightDecay: Double?
    /// Decoupled instead of coupled weight decay (`decoupled_weight_decay`).
    public var decoupledWeightDecay: Bool?
    /// Elementwise gradient clipping bound (`clip_gradient`, `clipvalue`).
    public var clipGradient: Double?
    /// Global gradient norm bound (`clip_norm`, `global_clipnorm`).
    public var clipNorm: Double?
    /// Parameter clipping bound (`clip_weights`).
    public var clipWeights: Double?
    /// Factor on the raw gradient (`rescale_grad`).
    public var rescaleGradient: Double?
    /// Maximize instead of minimize (`maximize`).
    public var maximize: Bool?

    /// No choices: every value is the preset's default.
    public init() {}

    /// The keys of the settings that are given, in declaration order.
    var givenKeys: [HyperparameterKey] {
        let given: [(HyperparameterKey, Bool)] = [
            (.lr, learningRate != nil), (.lrSchedule, schedule != nil), (.warmup, warmup != nil), (.gamma, decay != nil),
            (.eps, epsilon != nil), (.epsPlacement, epsilonPlacement != nil), (.centered, centered != nil),
            (.momentum, momentum != nil), (.nesterov, nesterov != nil), (.beta1, beta1 != nil), (.beta2, beta2 != nil),
            (.initialAccumulator, initialAccumulator != nil), (.biasCorrection, biasCorrection != nil),
            (.weightDecay, weightDecay != nil), (.decoupledWeightDecay, decoupledWeightDecay != nil),
            (.clipGradient, clipGradient != nil), (.clipNorm, clipNorm != nil), (.clipWeights, clipWeights != nil),
            (.rescaleGrad, rescaleGradient != nil), (.maximize, maximize != nil),
        ]
        return given.filter(\.1).map(\.0)
    }

    /// The common options: `defaults`, with every common setting given here applied.
    func commonOptions(_ defaults: CommonOptions, globalNormFormula formula: GlobalNormClipping.Formula) -> CommonOptions {
        var options = defaults
        if let learningRate { options.learningRate.base = learningRate }
        if let schedule { options.learningRate.schedule = schedule }
        if let warmup { options.learningRate.warmup = warmup }
        if let weightDecay { options.weightDecay = weightDecay }
        if let decoupledWeightDecay { options.weightDecayMode = decoupledWeightDecay ? .decoupled : .coupled }
        if let clipGradient { options.clipGradient = clipGradient }
        if let clipNorm { options.clipNorm = GlobalNormClipping(maximum: clipNorm, formula: formula) }
        if let clipWeights { options.clipWeights = clipWeights }
        if let rescaleGradient { options.rescaleGradient = rescaleGradient }
        if let maximize { options.maximize = maximize }
        return options
    }
}
