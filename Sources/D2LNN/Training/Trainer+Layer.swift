import D2LOptimizers
import D2LTensor

extension Trainer {
    /// Updates the parameters of `model` from the gradients of a loss summed over `batchSize`
    /// examples, as ``step(_:gradients:batchSize:)-([Tensor<Scalar>],_,_)`` does for an array: Gluon's
    /// `trainer.step(batch_size)` on the network it was created for.
    ///
    /// ```swift
    /// let gradients = tape.recording {
    ///     let (output, recorded) = net.forward(x, on: tape)
    ///     tape.backward(from: output.l2Loss(labels: y))
    ///     return recorded.map(tape.gradient(of:))
    /// }
    /// try trainer.step(&net, gradients: gradients, batchSize: 10)
    /// ```
    ///
    /// The model's parameters are read, stepped and written back; while the model shares
    /// them, the step copies them first. A loop that must allocate nothing keeps the parameters
    /// in an array of its own and calls ``step(_:gradients:batchSize:)-([Tensor<Scalar>],_,_)``.
    ///
    /// - Throws: `OptimizerError` when the batch size is below 1 or shapes disagree; the model
    ///   is then unchanged.
    public mutating func step<Model: Layer>(
        _ model: inout Model, gradients: [Tensor<Scalar>], batchSize: Int
    ) throws(OptimizerError) where Model.Scalar == Scalar {
        var parameters = model.parameters
        try step(&parameters, gradients: gradients, batchSize: batchSize)
        model.parameters = parameters
    }
}
