import D2LTensor

extension Optimizer {
    /// The updates a step would make, without applying them: Optax's `update`, which returns
    /// `u` with `p ← p + u`.
    ///
    /// ```swift
    /// let updates = try optimizer.updates(for: parameters, gradients: gradients)
    /// // updates[i] = (parameter i after the step) − parameters[i]
    /// ```
    ///
    /// The step runs through the same core as ``step(_:gradients:)`` — every option, the
    /// schedule at the current step count, the non-finite gradient policy — on a copy of the
    /// parameters and of this optimizer. Nothing changes here: neither `parameters`, nor the
    /// state, the step count or any counter of this optimizer. A ``step(_:gradients:)`` with the
    /// same arguments then takes exactly the step these updates describe and advances the state.
    ///
    /// Each update is the difference `p' − p` rounded to `Scalar`, so `p + u` can differ from
    /// `p'` in the last bit; ``step(_:gradients:)`` gives `p'` exactly. A step that the policy
    /// skips gives zero updates.
    ///
    /// - Throws: What ``step(_:gradients:)`` throws for the same arguments.
    public func updates(for parameters: [Tensor<Scalar>], gradients: [Tensor<Scalar>]) throws(OptimizerError) -> [Tensor<Scalar>] {
        var copy = self
        var stepped = parameters
        try copy.step(&stepped, gradients: gradients)
        return zip(stepped, parameters).map { $0 - $1 }
    }
}
