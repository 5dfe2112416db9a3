import D2LTensor

extension Variable {
    /// The book's `squared_loss`: `(ŷ − y)² / 2` per example, with the labels reshaped to the
    /// predictions' shape.
    @inlinable
    public func squaredLoss(labels: Tensor<Scalar>) -> Variable {
        do {
            let shaped = try labels.reshaped(to: shape)
            return (self - shaped).squared() / 2
        } catch {
            preconditionFailure("labels of shape \(labels.shape) do not match predictions of shape \(shape)")
        }
    }

    /// Gluon's `L2Loss`: `(ŷ − y)² / 2` averaged over every axis but the first, one value per
    /// example.
    @inlinable
    public func l2Loss(labels: Tensor<Scalar>) -> Variable {
        let perElement = squaredLoss(labels: labels)
        let batch = shape.first ?? 1
        let perExample = shape.dropFirst().reduce(1, *)
        // Labels given one per example already have the result's shape: reusing their shape
        // array keeps a repeated step free of allocations.
        guard perExample > 1 else { return perElement.reshaped(to: labels.rank == 1 ? labels.shape : [batch]) }
        let averaging = Tensor<Scalar>(repeating: 1 / Scalar(perExample), shape: [perExample, 1])
        return perElement.reshaped(to: [batch, perExample]).matmul(tape.constant(averaging)).reshaped(to: [batch])
    }
}
