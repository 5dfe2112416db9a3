/// How the learning rate changes with the number of optimizer steps already taken, `t`
/// (0 for the first step); each ``Preset`` says how its framework counts.
///
/// ```
/// constant:                 η_t = η
/// step(every: k, factor: f): η_t = η · f^⌊t / k⌋
/// multistep(S, factor: f):  η_t = η · f^|{s ∈ S : s ≤ t}|
/// exponential(factor: f):   η_t = η · fᵗ
/// cosine(total: T, min: m): η_t = m + (η − m) · (1 + cos(π · min(t, T) / T)) / 2
/// ```
/// A linear warm-up (see ``ScheduledLearningRate``) multiplies any of these.
public enum LearningRateSchedule: Sendable, Codable, Equatable {
    /// The learning rate never changes.
    case constant
    /// Multiplied by `factor` every `every` steps.
    case step(every: Int, factor: Double)
    /// Multiplied by `factor` at each milestone.
    case multistep(milestones: [Int], factor: Double)
    /// Multiplied by `factor` every step.
    case exponential(factor: Double)
    /// Cosine annealing from the base rate to `minimum` over `total` steps, then constant.
    case cosine(total: Int, minimum: Double)

    /// Checks the schedule's own numbers.
    public func validate() throws(OptimizerError) {
        switch self {
        case .constant:
            break
        case let .step(every, factor):
            guard every >= 1 else { throw .outOfRange(name: "step schedule interval", value: Double(every), valid: "≥ 1") }
            guard factor > 0 else { throw .outOfRange(name: "step schedule factor", value: factor, valid: "> 0") }
        case let .multistep(milestones, factor):
            guard milestones.allSatisfy({ $0 >= 0 }), milestones == milestones.sorted() else {
                throw .inapplicable(name: "multistep schedule", reason: "milestones must be increasing and ≥ 0")
            }
            guard factor > 0 else { throw .outOfRange(name: "multistep schedule factor", value: factor, valid: "> 0") }
        case let .exponential(factor):
            guard factor > 0 else { throw .outOfRange(name: "exponential schedule factor", value: factor, valid: "> 0") }
        case let .cosine(total, minimum):
            guard total >= 1 else { throw .outOfRange(name: "cosine schedule length", value: Double(total), valid: "≥ 1") }
            guard minimum >= 0 else { throw .outOfRange(name: "cosine schedule minimum", value: minimum, valid: "≥ 0") }
        }
    }
}
