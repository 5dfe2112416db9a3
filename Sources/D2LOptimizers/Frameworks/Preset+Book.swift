/// The section's rules: RMSProp as the book writes it from scratch (γ = 0.9, ε = 10⁻⁶ inside
/// the square root), clipping after coupled weight decay.
///
/// Where the section has no rule, the project's own convention, stated here and in DESIGN.md:
/// - momentum on RMSProp or SGD keeps the learning rate outside the buffer
///   (`b ← μb + u; p ← p − ηb`, as PyTorch). The book's chapter-7 `sgd_momentum` keeps it
///   inside (`v ← μv + ηg; p ← p − v`); that rule is `ScratchOptimizer`'s `.momentum` and
///   the library's ``MomentumStyle/learningRateInsideBuffer``.
/// - schedules count from step 0 and milestones are reached when `k ≥ m`; cosine stays at its
///   minimum after `T`; warm-up multiplies the schedule by `(k + 1) / W`, which keeps counting
///   through it.
enum BookConventions: FrameworkConventions {
    static let precision = HyperparameterPrecision.native
    static let clippingPrecision = HyperparameterPrecision.native
    static let clippingOrder = ClippingOrder.afterCoupledDecay
    static let globalNormFormula = GlobalNormClipping.Formula.pytorch
    static let weightDecayMode = WeightDecayMode.coupled
    static let momentumStyle = MomentumStyle.learningRateOutsideBuffer

    static func learningRate(base: Double, schedule: LearningRateSchedule, warmup: Int, step k: Int) -> Double {
        let scheduled = ScheduleFormulas.closedForm(schedule, base: base, step: k, clampCosine: true)
        return warmup > 0 && k < warmup ? scheduled * Double(k + 1) / Double(warmup) : scheduled
    }

    static func setDefaults(of rmsprop: inout RMSProp) {}
    static func setDefaults(of sgd: inout SGD) {}
    static func setDefaults(of adam: inout Adam) {}
    static func setDefaults(of adagrad: inout Adagrad) {}
    static func setDefaults(of adadelta: inout Adadelta) {}
}
