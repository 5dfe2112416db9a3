extension Optimizer {
    /// The base learning rate η of the algorithm, before its schedule and warm-up: PyTorch's
    /// `param_groups[0]["lr"]`, Gluon's `optimizer.learning_rate` without a scheduler.
    ///
    /// Parameters in a ``ParameterGroup`` follow their group's own learning rate.
    public var learningRate: Double { algorithm.options.learningRate.base }

    /// The learning rate the next step uses: η_t, the schedule and warm-up applied to ``learningRate``
    /// at the current step count, before any parameter's multiplier.
    public var scheduledLearningRate: Double { algorithm.options.learningRate.value(atStep: stepCount) }

    /// Sets the base learning rate η between steps, keeping the state, the step count and the
    /// schedule: Gluon's `trainer.set_learning_rate`.
    ///
    /// A schedule goes on from the current step with the new base:
    /// ```
    /// η_t = schedule(η_new, t) · warm-up(t)
    /// ```
    /// so a step decay by `f` every `k` steps still multiplies by `f^⌊t / k⌋`.
    ///
    /// - Throws: ``OptimizerError/outOfRange(name:value:valid:)`` unless `rate` is finite and
    ///   ≥ 0; nothing changes then.
    public mutating func setLearningRate(_ rate: Double) throws(OptimizerError) {
        try updateOptions { $0.learningRate.base = rate }
    }
}
