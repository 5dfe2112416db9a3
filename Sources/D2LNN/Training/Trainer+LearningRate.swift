import D2LOptimizers

extension Trainer {
    /// The base learning rate η of the trainer's optimizer: Gluon's `trainer.learning_rate`.
    public var learningRate: Double { optimizer.learningRate }

    /// Sets the learning rate between steps, keeping the optimizer's state and schedule:
    /// Gluon's `trainer.set_learning_rate(lr)` (see `Optimizer.setLearningRate(_:)`).
    ///
    /// ```swift
    /// if epoch == 5 { try trainer.setLearningRate(trainer.learningRate / 10) }
    /// ```
    ///
    /// - Throws: `OptimizerError` unless `rate` is finite and ≥ 0; nothing changes then.
    public mutating func setLearningRate(_ rate: Double) throws(OptimizerError) {
        try optimizer.setLearningRate(rate)
    }
}
