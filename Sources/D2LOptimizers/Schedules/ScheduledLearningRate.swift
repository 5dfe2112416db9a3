/// A base learning rate, a schedule and an optional linear warm-up, counted as a framework
/// (``Preset``) counts them.
///
/// Under ``Preset/book``:
/// ```
/// η_t = schedule(η, t) · min(1, (t + 1) / warmup)
/// ```
/// With `warmup = 0` the factor is 1.
public struct ScheduledLearningRate: Sendable, Codable, Equatable {
    /// The base learning rate η.
    public var base: Double
    /// How η changes with the step.
    public var schedule: LearningRateSchedule
    /// Number of warm-up steps; 0 for none.
    public var warmup: Int
    /// The framework whose counting of steps and shaping of schedules this follows.
    public var convention: Preset

    /// A learning rate with the given schedule and warm-up.
    public init(_ base: Double, schedule: LearningRateSchedule = .constant, warmup: Int = 0, convention: Preset = .book) {
        self.base = base
        self.schedule = schedule
        self.warmup = warmup
        self.convention = convention
    }

    /// The learning rate at step `t` (0 for the first step).
    public func value(atStep t: Int) -> Double {
        convention.conventions.learningRate(base: base, schedule: schedule, warmup: warmup, step: t)
    }

    /// Checks that η ≥ 0, the warm-up is ≥ 0 and the schedule is valid.
    public func validate() throws(OptimizerError) {
        guard base >= 0, base.isFinite else { throw .outOfRange(name: "learning rate", value: base, valid: "a finite number ≥ 0") }
        guard warmup >= 0 else { throw .outOfRange(name: "warmup", value: Double(warmup), valid: "a whole number of steps ≥ 0") }
        try schedule.validate()
    }
}
