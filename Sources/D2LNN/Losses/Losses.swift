import D2LTensor

extension Variable {
    /// The book's `squared_loss`: `(ŷ − y)² / 2` per example, with the labels reshaped to the
    /// predictions' shape.
    ///
    /// Traps, naming both shapes, when the labels do not hold one scalar per prediction.
    @inlinable
    public func squaredLoss(labels: Tensor<Scalar>) -> Variable {
        (self - labels.shapedAsLabels(ofPredictions: shape)).squared() / 2
    }

    /// Gluon's `L2Loss`: `(ŷ − y)² / 2` averaged over every axis but the first, one value per
    /// example.
    ///
    /// Traps, naming both shapes, when the labels do not hold one scalar per prediction.
    @inlinable
    public func l2Loss(labels: Tensor<Scalar>) -> Variable {
        let perElement = squaredLoss(labels: labels)
        let (batch, perExample) = Tensor<Scalar>.l2LossLayout(ofPredictions: shape)
        // Labels given one per example already have the result's shape: reusing their shape
        // array keeps a repeated step free of allocations.
        guard perExample > 1 else { return perElement.reshaped(to: labels.rank == 1 ? labels.shape : [batch]) }
        let averaging = Tensor<Scalar>.l2LossAveraging(perExample)
        return perElement.reshaped(to: [batch, perExample]).matmul(averaging).reshaped(to: [batch])
    }
}

extension Tensor {
    /// The labels with the predictions' shape; traps, naming both shapes, when the counts differ.
    @inlinable
    func shapedAsLabels(ofPredictions shape: [Int]) -> Tensor {
        reshaped(to: shape, orTrap: "labels of shape \(self.shape) do not match predictions of shape \(shape)")
    }

    /// The same scalars with `shape`; traps with `message` when it holds another count.
    @inlinable
    func reshaped(to shape: [Int], orTrap message: @autoclosure () -> String) -> Tensor {
        do {
            return try reshaped(to: shape)
        } catch {
            preconditionFailure(message())
        }
    }

    /// The examples (the first axis) and the scalars per example of predictions of `shape`, as
    /// ``Variable/l2Loss(labels:)`` and ``Tensor/l2Loss(labels:)`` average them.
    @inlinable
    static func l2LossLayout(ofPredictions shape: [Int]) -> (batch: Int, perExample: Int) {
        (shape.first ?? 1, shape.dropFirst().reduce(1, *))
    }

    /// The column `[perExample, 1]` of `1 / perExample` that averages each row of a product.
    @inlinable
    static func l2LossAveraging(_ perExample: Int) -> Tensor {
        Tensor(repeating: 1 / Scalar(perExample), shape: [perExample, 1])
    }
}
