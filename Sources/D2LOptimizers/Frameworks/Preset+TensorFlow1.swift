/// TensorFlow 1: `tf.compat.v1.train.RMSPropOptimizer` (decay 0.9, ε = 10⁻¹⁰ inside the
/// square root, the mean square starting at 1, updated in the fused kernel's form
/// `s + (g² − s)(1 − γ)`), `MomentumOptimizer` (learning rate outside the accumulator),
/// `AdamOptimizer` (ε = 10⁻⁸, bias correction folded), `AdagradOptimizer` (accumulator 0.1,
/// no ε), `AdadeltaOptimizer` (ρ = 0.95, ε = 10⁻⁸).
///
/// - Python-float hyperparameters become `float32` constants, even for `Double` variables.
/// - Clipping comes before coupled decay; global-norm clipping uses TensorFlow's formula.
/// - Decay functions are evaluated in `Float`; milestones are reached when `k > m`; the
///   graph optimizer folds `π / T` of `cosine_decay` into one constant.
enum TensorFlow1Conventions: FrameworkConventions {
    static let precision = HyperparameterPrecision.float32
    static let clippingPrecision = HyperparameterPrecision.native
    static let clippingOrder = ClippingOrder.beforeCoupledDecay
    static let globalNormFormula = GlobalNormClipping.Formula.tensorflow
    static let weightDecayMode = WeightDecayMode.coupled
    static let momentumStyle = MomentumStyle.learningRateInsideBuffer

    static func learningRate(base: Double, schedule: LearningRateSchedule, warmup: Int, step k: Int) -> Double {
        ScheduleFormulas.singlePrecision(schedule, base: base, warmup: warmup, step: k, foldsAngle: true)
    }

    static func setDefaults(of rmsprop: inout RMSProp) {
        (rmsprop.decay, rmsprop.epsilon, rmsprop.averaging, rmsprop.initialAccumulator) = (0.9, 1e-10, .incremental, 1)
    }

    static func setDefaults(of sgd: inout SGD) {
        sgd.momentumStyle = .learningRateOutsideBuffer
    }

    static func setDefaults(of adam: inout Adam) {
        (adam.epsilon, adam.biasCorrectionStyle) = (1e-8, .folded)
    }

    static func setDefaults(of adagrad: inout Adagrad) {
        (adagrad.epsilon, adagrad.initialAccumulator) = (0, 0.1)
    }

    static func setDefaults(of adadelta: inout Adadelta) {
        (adadelta.rho, adadelta.epsilon) = (0.95, 1e-8)
    }
}
