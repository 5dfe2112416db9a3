import Foundation

/// How a framework counts steps and shapes its schedules; the same `--lr-schedule` gives each
/// framework's own learning rates under its preset.
///
/// With `k` the number of steps already taken (0 for the first update), `W` the warm-up length
/// and `S` the schedule:
///
/// | convention | step/multistep/exponential | cosine | warm-up (k < W) | after warm-up |
/// |---|---|---|---|---|
/// | `book` | `S(k)`, milestones reached when `k ≥ m` | clamped at `T` | `S(k) · (k + 1) / W` | `S(k)` |
/// | `pytorch` | as book | periodic (`CosineAnnealingLR` rises after `T`) | `η · (1/W + (1 − 1/W) · k/W)` | `S(k − W)` |
/// | `optax` | as book; step and exponential in `Float` | clamped | `η · k / W` (0 at the first step), `Float` | `S(k − W)`, `Float` |
/// | `keras`, `tensorflow1` | milestones reached when `k > m`; computed in `Float` | clamped, `Float` | `η · k / W`, `Float` | `S(k − W)` |
/// | `mxnet` | as book (`num_update = k + 1`) | `cos(π (k + 1 − W) / (T − W))`, `T` counts the warm-up | `η · (k + 1) / W` | `S(k)` |
public enum ScheduleConvention: String, Sendable, Codable, CaseIterable {
    /// The project's own: warm-up multiplies the schedule, which keeps counting.
    case book
    /// `torch.optim.lr_scheduler`, stepped once per optimizer step; warm-up is `LinearLR`
    /// followed by the schedule (`SequentialLR`).
    case pytorch
    /// Optax schedules (`exponential_decay`, `piecewise_constant_schedule`,
    /// `cosine_decay_schedule`, `warmup_cosine_decay_schedule`).
    case optax
    /// Keras 3 `LearningRateSchedule`s, evaluated in `Float`.
    case keras
    /// `tf.compat.v1.train` decay functions, evaluated in `Float`.
    case tensorflow1
    /// MXNet 1.x `lr_scheduler` (`FactorScheduler`, `MultiFactorScheduler`, `CosineScheduler`).
    case mxnet

    /// The learning rate at step `k` for base rate `base`.
    func learningRate(base: Double, schedule: LearningRateSchedule, warmup: Int, step k: Int) -> Double {
        switch self {
        case .book:
            let scheduled = closedForm(schedule, base: base, step: k, clampCosine: true)
            return warmup > 0 && k < warmup ? scheduled * Double(k + 1) / Double(warmup) : scheduled
        case .pytorch:
            if warmup > 0 && k < warmup {
                let start = 1 / Double(warmup)
                return base * (start + (1 - start) * Double(k) / Double(warmup))
            }
            return closedForm(schedule, base: base, step: k - warmup, clampCosine: false)
        case .optax:
            if warmup > 0 {
                // warmup_cosine_decay_schedule: a linear ramp from 0 (fused multiply-add, as
                // XLA compiles it), then the schedule; the joined result is a Float.
                guard k >= warmup else {
                    let remaining = 1 - Float(k) / Float(warmup)
                    return Double(Float(base).addingProduct(-Float(base), remaining))
                }
                return Double(Float(closedForm(schedule, base: base, step: k - warmup, clampCosine: true)))
            }
            switch schedule {
            case let .step(every, factor):
                return Double(Float(base) * Foundation.powf(Float(factor), (Float(k) / Float(every)).rounded(.down)))
            case let .exponential(factor):
                return Double(Float(base) * Foundation.powf(Float(factor), Float(k)))
            default:
                return closedForm(schedule, base: base, step: k, clampCosine: true)
            }
        case .keras, .tensorflow1:
            if warmup > 0 && k < warmup { return Double(Float(base) * (Float(k) / Float(warmup))) }
            if case .constant = schedule { return base }
            return Double(singlePrecision(schedule, base: base, step: k - warmup))
        case .mxnet:
            let t = k + 1
            if warmup > 0 && t < warmup { return base * Double(t) / Double(warmup) }
            if case let .cosine(total, minimum) = schedule {
                guard t <= total else { return minimum }
                let progress = Double(t - warmup) / Double(total - warmup)
                return minimum + (base - minimum) * (1 + Foundation.cos(Double.pi * progress)) / 2
            }
            return closedForm(schedule, base: base, step: k, clampCosine: true)
        }
    }

    private func closedForm(_ schedule: LearningRateSchedule, base: Double, step k: Int, clampCosine: Bool) -> Double {
        switch schedule {
        case .constant:
            return base
        case let .step(every, factor):
            return base * Foundation.pow(factor, Double(k / every))
        case let .multistep(milestones, factor):
            return base * Foundation.pow(factor, Double(milestones.filter { $0 <= k }.count))
        case let .exponential(factor):
            return base * Foundation.pow(factor, Double(k))
        case let .cosine(total, minimum):
            let t = clampCosine ? Swift.min(k, total) : k
            return minimum + (base - minimum) * (1 + Foundation.cos(Double.pi * Double(t) / Double(total))) / 2
        }
    }

    /// Keras's and TensorFlow 1's schedules, in `Float` as those frameworks compute them
    /// (Python numbers become `Float` tensors; the boundaries' values are computed in `Double`).
    private func singlePrecision(_ schedule: LearningRateSchedule, base: Double, step k: Int) -> Float {
        switch schedule {
        case .constant:
            return Float(base)
        case let .step(every, factor):
            return Float(base) * Foundation.powf(Float(factor), (Float(k) / Float(every)).rounded(.down))
        case let .multistep(milestones, factor):
            return Float(base * Foundation.pow(factor, Double(milestones.filter { $0 < k }.count)))
        case let .exponential(factor):
            return Float(base) * Foundation.powf(Float(factor), Float(k))
        case let .cosine(total, minimum):
            let alpha = minimum / base
            let step = Float(Swift.min(k, total))
            let pi = Float(Double.pi)
            // TensorFlow 1's graph optimizer folds π / T into one constant; Keras runs eagerly.
            let angle = self == .tensorflow1 ? step * (pi / Float(total)) : pi * (step / Float(total))
            let decayed = Float(1 - alpha) * (0.5 * (1 + Foundation.cosf(angle))) + Float(alpha)
            return Float(base) * decayed
        }
    }
}
