/// Keras 3: `keras.optimizers.RMSprop` (ρ = 0.9, ε = 10⁻⁷ inside the square root), `SGD`,
/// `Adam` (ε = 10⁻⁷, bias correction folded into the step size), `Adagrad` (accumulator
/// starting at 0.1), `Adadelta` (ρ = 0.95, ε = 10⁻⁷).
///
/// - `weight_decay` is decoupled and held as a `Float` variable even for `Double` models;
///   `clipvalue` clips before it; `global_clipnorm` uses TensorFlow's formula.
/// - Momentum holds the learning rate inside the buffer.
/// - `LearningRateSchedule`s are evaluated in `Float`; milestones are reached when `k > m`;
///   warm-up is `η·k/W`, then the schedule counted from the end of the warm-up.
enum KerasConventions: FrameworkConventions {
    static let precision = HyperparameterPrecision.native
    static let clippingPrecision = HyperparameterPrecision.native
    static let clippingOrder = ClippingOrder.beforeCoupledDecay
    static let globalNormFormula = GlobalNormClipping.Formula.tensorflow
    static let weightDecayMode = WeightDecayMode.decoupled
    static let momentumStyle = MomentumStyle.learningRateInsideBuffer

    static func learningRate(base: Double, schedule: LearningRateSchedule, warmup: Int, step k: Int) -> Double {
        ScheduleFormulas.singlePrecision(schedule, base: base, warmup: warmup, step: k, foldsAngle: false)
    }

    static func setDefaults(of rmsprop: inout RMSProp) {
        (rmsprop.decay, rmsprop.epsilon) = (0.9, 1e-7)
    }

    static func setDefaults(of sgd: inout SGD) {}

    static func setDefaults(of adam: inout Adam) {
        (adam.epsilon, adam.biasCorrectionStyle) = (1e-7, .folded)
    }

    static func setDefaults(of adagrad: inout Adagrad) {
        (adagrad.epsilon, adagrad.initialAccumulator) = (1e-7, 0.1)
    }

    static func setDefaults(of adadelta: inout Adadelta) {
        (adadelta.rho, adadelta.epsilon) = (0.95, 1e-7)
    }

    /// Keras on TensorFlow holds the decoupled decay as a `Float` even for `Double` variables.
    static func finish(_ options: inout CommonOptions) {
        if options.weightDecayMode == .decoupled { options.weightDecay = Double(Float(options.weightDecay)) }
    }
}
