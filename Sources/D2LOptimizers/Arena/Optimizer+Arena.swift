import D2LTensor

extension Optimizer {
    /// Updates every tensor of `arena` from its gradient in one kernel pass.
    ///
    /// The result is the same, bit for bit, as ``step(_:gradients:)`` on the same tensors
    /// given one by one; the state is shared with it, so the two can be mixed. Without
    /// per-parameter multipliers or groups, the whole arena is one call of the algorithm's
    /// kernel over contiguous buffers (split over threads as ``KernelParallelism`` allows);
    /// with them, one call per tensor, still without copying. Allocates nothing after the first
    /// step.
    ///
    /// - Throws: ``OptimizerError/shapeMismatch(_:)`` when the arena's tensors differ from those
    ///   of earlier steps; ``OptimizerError/nonFiniteGradient(_:)`` as ``step(_:gradients:)``.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func step(_ arena: inout ParameterArena<Scalar>) throws(OptimizerError) {
        let layout = arena.layout
        try arena.parameters.withUnsafeMutableBufferPointer { (parameters) throws(OptimizerError) in
            try arena.gradients.withUnsafeBufferPointer { (gradients) throws(OptimizerError) in
                try step(parameters: parameters, gradients: gradients, layout: layout)
            }
        }
    }

    /// Updates parameters stored contiguously in memory of the caller's, laid out as `layout`,
    /// from gradients laid out the same way, in one kernel pass.
    ///
    /// ```swift
    /// let layout = try ArenaLayout(shapes: [[256, 256], [256]])
    /// let weights = UnsafeMutableBufferPointer<Float>.allocate(capacity: layout.elementCount)
    /// let grads = UnsafeMutableBufferPointer<Float>.allocate(capacity: layout.elementCount)
    /// // … fill them …
    /// try optimizer.step(parameters: weights, gradients: UnsafeBufferPointer(grads), layout: layout)
    /// ```
    ///
    /// - Throws: ``OptimizerError/shapeMismatch(_:)`` when a buffer is not
    ///   `layout.elementCount` long or the layout differs from earlier steps;
    ///   ``OptimizerError/nonFiniteGradient(_:)`` as ``step(_:gradients:)``.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func step(
        parameters: UnsafeMutableBufferPointer<Scalar>, gradients: UnsafeBufferPointer<Scalar>, layout: ArenaLayout
    ) throws(OptimizerError) {
        try step(ContiguousStorage(parameters: parameters, gradients: gradients, layout: layout))
    }
}
