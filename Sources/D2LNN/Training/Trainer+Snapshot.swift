import D2LOptimizers
import D2LTensor

extension Trainer {
    /// What a step does with a NaN or infinite gradient (see `NonFiniteGradientPolicy`);
    /// no check by default, as in Gluon.
    public var nonFiniteGradientPolicy: NonFiniteGradientPolicy {
        get { optimizer.nonFiniteGradientPolicy }
        set { optimizer.nonFiniteGradientPolicy = newValue }
    }

    /// A snapshot of the optimizer, from which a trainer built the same way continues bit for
    /// bit (see `Optimizer.snapshot()`).
    ///
    /// The hyperparameters are recorded as configured: the per-step rescale by the batch size
    /// is not part of the configuration.
    public func snapshot() throws(OptimizerSnapshotError) -> OptimizerSnapshot {
        try configuredOptimizer().snapshot()
    }

    /// Continues from `snapshot`; see `Optimizer.restore(from:parameterShapes:)`.
    ///
    /// - Throws: `OptimizerSnapshotError` when the snapshot comes from another
    ///   configuration or is damaged; the trainer is unchanged then.
    public mutating func restore(from snapshot: OptimizerSnapshot, parameterShapes: [[Int]]? = nil) throws(OptimizerSnapshotError) {
        var restored = configuredOptimizer()
        try restored.restore(from: snapshot, parameterShapes: parameterShapes)
        optimizer = restored
        rescaledBatchSize = nil
    }

    /// The optimizer with the rescale it was configured with, as before the first step.
    private func configuredOptimizer() -> Optimizer<Scalar> {
        var configured = optimizer
        let rescale = rescale
        // The value was valid when the trainer was made, so this cannot fail.
        try? configured.updateOptions { $0.rescaleGradient = rescale }
        return configured
    }
}
