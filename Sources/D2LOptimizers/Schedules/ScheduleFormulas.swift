import Foundation

/// The schedule formulas the frameworks share; each framework's conventions (see
/// `FrameworkConventions`) decide how steps are counted and which precision they run in.
enum ScheduleFormulas {
    /// `S(k)` in `Double`: `η`, `η·f^⌊k/E⌋`, `η·f^|{m ≤ k}|`, `η·f^k`, or
    /// `η_min + (η − η_min)(1 + cos(π t / T))/2` with `t = min(k, T)` when `clampCosine`, else `k`.
    static func closedForm(_ schedule: LearningRateSchedule, base: Double, step k: Int, clampCosine: Bool) -> Double {
        switch schedule {
        case .constant:
            return base
        case let .step(every, factor):
            return base * pow(factor, Double(k / every))
        case let .multistep(milestones, factor):
            return base * pow(factor, Double(milestones.filter { $0 <= k }.count))
        case let .exponential(factor):
            return base * pow(factor, Double(k))
        case let .cosine(total, minimum):
            let t = clampCosine ? Swift.min(k, total) : k
            return minimum + (base - minimum) * (1 + cos(Double.pi * Double(t) / Double(total))) / 2
        }
    }

    /// Keras's and TensorFlow 1's schedules, in `Float` as those frameworks compute them
    /// (Python numbers become `Float` tensors; the boundaries' values are computed in
    /// `Double`): warm-up `η·k/W`, then the schedule counted from its end, milestones reached
    /// when `k > m`. `foldsAngle`: the cosine's angle is `k·(π/T)` (TensorFlow 1's graph
    /// optimizer folds the constant) instead of `π·(k/T)`.
    static func singlePrecision(_ schedule: LearningRateSchedule, base: Double, warmup: Int, step k: Int, foldsAngle: Bool) -> Double {
        if warmup > 0 && k < warmup { return Double(Float(base) * (Float(k) / Float(warmup))) }
        let k = k - warmup
        switch schedule {
        case .constant:
            return base
        case let .step(every, factor):
            return Double(Float(base) * powf(Float(factor), (Float(k) / Float(every)).rounded(.down)))
        case let .multistep(milestones, factor):
            return Double(Float(base * pow(factor, Double(milestones.filter { $0 < k }.count))))
        case let .exponential(factor):
            return Double(Float(base) * powf(Float(factor), Float(k)))
        case let .cosine(total, minimum):
            let alpha = minimum / base
            let step = Float(Swift.min(k, total))
            let pi = Float(Double.pi)
            let angle = foldsAngle ? step * (pi / Float(total)) : pi * (step / Float(total))
            let decayed = Float(1 - alpha) * (0.5 * (1 + cosf(angle))) + Float(alpha)
            return Double(Float(base) * decayed)
        }
    }
}
