import D2LTensor

/// The losses on plain tensors, for an evaluation without a tape: the same formulas and the
/// same order of operations as the `Variable` forms, so the numbers agree bit for bit.
extension Tensor {
    /// The book's `squared_loss` of predictions `ŷ` (this tensor): `(ŷ − y)² / 2` per example,
    /// with the labels reshaped to the predictions' shape.
    ///
    /// ```swift
    /// let evaluation = net(features).squaredLoss(labels: labels).scalarMean
    /// ```
    ///
    /// Traps, naming both shapes, when the labels do not hold one scalar per prediction.
    @inlinable
    public func squaredLoss(labels: Tensor) -> Tensor {
        (self - labels.shapedAsLabels(ofPredictions: shape)).squared() / 2
    }

    /// Gluon's `L2Loss` of predictions `ŷ` (this tensor): `(ŷ − y)² / 2` averaged over every
    /// axis but the first, one value per example (shape `[n]`).
    ///
    /// Traps, naming both shapes, when the labels do not hold one scalar per prediction.
    @inlinable
    public func l2Loss(labels: Tensor) -> Tensor {
        let perElement = squaredLoss(labels: labels)
        let (batch, perExample) = Self.l2LossLayout(ofPredictions: shape)
        let layout = "the loss of predictions of shape \(shape)"
        guard perExample > 1 else { return perElement.reshaped(to: [batch], orTrap: layout) }
        return perElement.reshaped(to: [batch, perExample], orTrap: layout)
            .matmul(Self.l2LossAveraging(perExample))
            .reshaped(to: [batch], orTrap: layout)
    }
}
