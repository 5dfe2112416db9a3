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
        var failure: OptimizerError?
        arena.parameters.withUnsafeMutableBufferPointer { parameters in
            arena.gradients.withUnsafeBufferPointer { gradients in
                do throws(OptimizerError) {
                    try step(parameters: parameters, gradients: gradients, layout: layout)
                } catch {
                    failure = error
                }
            }
        }
        if let failure { throw failure }
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
        guard parameters.count == layout.elementCount, gradients.count == layout.elementCount else {
            throw .shapeMismatch(
                "the layout holds \(layout.elementCount) elements, the buffers \(parameters.count) parameters and \(gradients.count) gradients")
        }
        if state.parameterCount > 0, state.shapes != layout.shapes {
            throw .shapeMismatch("the arena's \(layout.tensorCount) tensors differ from the \(state.parameterCount) the optimizer holds state for")
        }
        guard try admitsStep(gradients: gradients, layout: layout) else { return }
        guard layout.tensorCount > 0 else { return }
        prepareState(shapes: layout.shapes)
        let globalScale = clippingScale(parameters: UnsafeBufferPointer(parameters), gradients: gradients, layout: layout)
        withWholeState { optimizer, slots in
            let step = optimizer.stepCount
            if optimizer.groups.isEmpty && optimizer.multipliers.isEmpty {
                let context = optimizer.context(forParameter: 0, step: step, globalScale: globalScale)
                optimizer.algorithm.step(context, parameters: parameters, gradients: gradients, state: slots)
            } else {
                for index in 0..<layout.tensorCount {
                    let range = layout.range(ofTensor: index)
                    let context = optimizer.context(forParameter: index, step: step, globalScale: globalScale)
                    optimizer.algorithm(forParameter: index).step(
                        context, parameters: UnsafeMutableBufferPointer(rebasing: parameters[range]),
                        gradients: UnsafeBufferPointer(rebasing: gradients[range]), state: slots.slice(range)
                    )
                }
            }
        }
        stepCount += 1
    }

    /// Creates the state at the first step, as ``step(_:gradients:)`` does.
    mutating func prepareState(shapes: [[Int]]) {
        guard state.parameterCount == 0 else { return }
        let algorithms = shapes.indices.map(algorithm(forParameter:))
        let slots = algorithms.reduce(StateSlots()) { $0.union($1.stateSlots) }
        state = OptimizerState(shapes: shapes, slots: slots) { index, slot in
            Scalar(algorithms[index].initialStateValue(for: slot))
        }
    }

    /// ``nonFiniteGradientPolicy`` applied to contiguous gradients, as `admitsStep(_:)` does for
    /// tensors.
    mutating func admitsStep(gradients: UnsafeBufferPointer<Scalar>, layout: ArenaLayout) throws(OptimizerError) -> Bool {
        switch nonFiniteGradientPolicy {
        case .propagate:
            return true
        case .stop where stoppedOnNonFiniteGradient != nil:
            return false
        case .throwError, .skipStep, .stop:
            break
        }
        guard let element = gradients.firstIndex(where: { !$0.isFinite }) else { return true }
        var tensor = 0
        while layout.offsets[tensor + 1] <= element { tensor += 1 }
        return try admits(NonFiniteGradient(
            step: stepCount + skippedStepCount + 1, parameter: tensor, element: element - layout.offsets[tensor],
            value: Double(gradients[element])))
    }

    /// The factor for clipping by global norm over contiguous buffers: the same sum, in the same
    /// order, as for tensors.
    func clippingScale(parameters: UnsafeBufferPointer<Scalar>, gradients: UnsafeBufferPointer<Scalar>, layout: ArenaLayout) -> Scalar {
        guard let clipNorm = algorithm.options.clipNorm else { return 1 }
        var sumOfSquares = 0.0
        for index in 0..<layout.tensorCount {
            let processing = context(forParameter: index, step: stepCount, globalScale: 1).gradientProcessing
            for i in layout.range(ofTensor: index) {
                let clipped = Double(processing.clipped(gradients[i], parameter: parameters[i]))
                sumOfSquares += clipped * clipped
            }
        }
        return clipNorm.factor(forNorm: sumOfSquares.squareRoot())
    }
}

extension Optimizer {
    /// Calls `body` with this optimizer and every state slot whole (all parameters; unused
    /// slots `nil`).
    ///
    /// The optimizer `body` reads is a copy without the slot arrays, so they stay uniquely
    /// referenced (see ``withWholeStateBuffers(_:)``).
    mutating func withWholeState<Result>(_ body: (_ optimizer: Self, _ slots: StateBuffers<Scalar>) -> Result) -> Result {
        var reader = self
        reader.state.first = []
        reader.state.second = []
        reader.state.third = []
        return withWholeStateBuffers { body(reader, $0) }
    }

    /// Calls `body` with every state slot whole (all parameters; unused slots `nil`).
    ///
    /// The slot arrays are moved out of ``state`` for the call, so they stay uniquely referenced
    /// and writing them copies nothing.
    mutating func withWholeStateBuffers<Result>(_ body: (_ slots: StateBuffers<Scalar>) -> Result) -> Result {
        var first = state.first
        var second = state.second
        var third = state.third
        state.first = []
        state.second = []
        state.third = []
        defer {
            state.first = first
            state.second = second
            state.third = third
        }
        return first.withUnsafeMutableBufferPointer { first in
            second.withUnsafeMutableBufferPointer { second in
                third.withUnsafeMutableBufferPointer { third in
                    body(StateBuffers(
                        first: first.isEmpty ? nil : first, second: second.isEmpty ? nil : second,
                        third: third.isEmpty ? nil : third))
                }
            }
        }
    }
}

extension StateBuffers {
    /// The elements `range` of every slot.
    func slice(_ range: Range<Int>) -> StateBuffers {
        func part(_ buffer: UnsafeMutableBufferPointer<Scalar>?) -> UnsafeMutableBufferPointer<Scalar>? {
            buffer.map { UnsafeMutableBufferPointer(rebasing: $0[range]) }
        }
        return StateBuffers(first: part(first), second: part(second), third: part(third))
    }
}
