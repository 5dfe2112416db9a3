import Foundation

/// Optax: `optax.rmsprop` (decay 0.9, ε = 10⁻⁸ inside the square root by default,
/// `eps_in_sqrt`, `centered`, `momentum` and `nesterov` through `trace`, `bias_correction`),
/// `sgd`, `adam` (ε = 10⁻⁸), `adagrad` (accumulator starting at 0.1, ε = 10⁻⁷), `adadelta`
/// (ε = 10⁻⁶); chained with `add_decayed_weights`, `clip`, `clip_by_global_norm` (exact
/// formula), clipping before the decay. Momentum holds the learning rate inside the buffer.
///
/// Schedules: `exponential_decay`, `piecewise_constant_schedule`, `cosine_decay_schedule`;
/// step and exponential decay are computed in `Float`; `warmup_cosine_decay_schedule` ramps
/// linearly from 0 (a fused multiply-add, as XLA compiles it) and returns a `Float`.
enum OptaxConventions: FrameworkConventions {
    static let precision = HyperparameterPrecision.native
    static let clippingPrecision = HyperparameterPrecision.native
    static let clippingOrder = ClippingOrder.beforeCoupledDecay
    static let globalNormFormula = GlobalNormClipping.Formula.exact
    static let weightDecayMode = WeightDecayMode.coupled
    static let momentumStyle = MomentumStyle.learningRateInsideBuffer

    static func learningRate(base: Double, schedule: LearningRateSchedule, warmup: Int, step k: Int) -> Double {
        if warmup > 0 {
            guard k >= warmup else {
                let remaining = 1 - Float(k) / Float(warmup)
                return Double(Float(base).addingProduct(-Float(base), remaining))
            }
            return Double(Float(ScheduleFormulas.closedForm(schedule, base: base, step: k - warmup, clampCosine: true)))
        }
        switch schedule {
        case let .step(every, factor):
            return Double(Float(base) * powf(Float(factor), (Float(k) / Float(every)).rounded(.down)))
        case let .exponential(factor):
            return Double(Float(base) * powf(Float(factor), Float(k)))
        default:
            return ScheduleFormulas.closedForm(schedule, base: base, step: k, clampCosine: true)
        }
    }

    static func setDefaults(of rmsprop: inout RMSProp) {
        (rmsprop.decay, rmsprop.epsilon) = (0.9, 1e-8)
    }

    static func setDefaults(of sgd: inout SGD) {}

    static func setDefaults(of adam: inout Adam) {
        adam.epsilon = 1e-8
    }

    static func setDefaults(of adagrad: inout Adagrad) {
        (adagrad.epsilon, adagrad.initialAccumulator) = (1e-7, 0.1)
    }

    static func setDefaults(of adadelta: inout Adadelta) {
        adadelta.epsilon = 1e-6
    }
}
