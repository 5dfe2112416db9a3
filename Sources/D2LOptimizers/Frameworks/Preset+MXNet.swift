import Foundation

/// MXNet 1.x and Gluon: the fused operators `rmsprop_update`, `rmspropalex_update`,
/// `sgd_mom_update`, `adam_update`, `adagrad_update`, `adadelta_update`.
///
/// - Hyperparameters (and clipping bounds) are `float` operator attributes, parsed by
///   dmlc-core from Python's text of the number, even for `Double` data
///   (``HyperparameterPrecision/mxnet``); `1 − γ` is computed in the data's type.
/// - RMSProp: γ₁ = 0.9, ε = 10⁻⁸ inside the square root; momentum (γ₂, default 0.9) exists
///   only in the centred operator, so momentum without centred is refused rather than ignored.
/// - Gradients are rescaled, then coupled weight decay is added, then clipped by value; SGD's
///   operator clips before the decay. Momentum holds the learning rate inside the buffer.
/// - Adagrad's `wd` is decoupled (`p ← p − η·wd·p`) unless asked otherwise; Adam's bias
///   correction is folded into the step size.
/// - Schedules count `num_update = k + 1`; `CosineScheduler`'s `T` includes the warm-up,
///   which is linear, `η·(k + 1)/W`.
enum MXNetConventions: FrameworkConventions {
    static let precision = HyperparameterPrecision.mxnet
    static let clippingPrecision = HyperparameterPrecision.mxnet
    static let clippingOrder = ClippingOrder.afterCoupledDecay
    static let globalNormFormula = GlobalNormClipping.Formula.pytorch
    static let weightDecayMode = WeightDecayMode.coupled
    static let momentumStyle = MomentumStyle.learningRateInsideBuffer

    static func learningRate(base: Double, schedule: LearningRateSchedule, warmup: Int, step k: Int) -> Double {
        let t = k + 1
        if warmup > 0 && t < warmup { return base * Double(t) / Double(warmup) }
        if case let .cosine(total, minimum) = schedule {
            guard t <= total else { return minimum }
            let progress = Double(t - warmup) / Double(total - warmup)
            return minimum + (base - minimum) * (1 + cos(Double.pi * progress)) / 2
        }
        return ScheduleFormulas.closedForm(schedule, base: base, step: k, clampCosine: true)
    }

    static func setDefaults(of rmsprop: inout RMSProp) {
        (rmsprop.decay, rmsprop.epsilon) = (0.9, 1e-8)
    }

    static func setDefaults(of sgd: inout SGD) {
        sgd.options.clippingOrder = .beforeCoupledDecay
    }

    static func setDefaults(of adam: inout Adam) {
        (adam.epsilon, adam.biasCorrectionStyle) = (1e-8, .folded)
    }

    static func setDefaults(of adagrad: inout Adagrad) {
        adagrad.epsilon = 1e-7
        adagrad.options.weightDecayMode = .decoupled
    }

    static func setDefaults(of adadelta: inout Adadelta) {}

    /// γ₂ only in the centred operator: 0.9 unless given; refused without centred.
    static func applyMomentum(_ momentum: Double?, to rmsprop: inout RMSProp) throws(OptimizerError) {
        if rmsprop.centering != .uncentered {
            rmsprop.momentum = momentum ?? 0.9
        } else if let momentum, momentum != 0 {
            throw .inapplicable(name: "momentum (gamma2)", reason: "MXNet's RMSProp uses momentum only when centered; add centered or drop momentum")
        }
    }
}
