import D2LTensor

extension Optimizer {
    /// The one step core every storage layout goes through (see ``StepStorage``): checks the
    /// tensors against the state, applies ``nonFiniteGradientPolicy``, creates the state at the
    /// first step, brings each tensor's ``PreparedStep`` to this step, computes the global-norm
    /// clipping factor, walks the storage (the part of it in its ``StepStorage/stateWindow``)
    /// and counts the step.
    mutating func step<Storage: StepStorage>(_ storage: Storage) throws(OptimizerError) where Storage.Scalar == Scalar {
        try checkState(against: storage)
        guard try admitsStep(storage) else { return }
        createStateIfNeeded(storage)
        prepareSteps(count: storage.tensorCount)
        let globalScale = try clippingScale(storage)
        for index in preparedSteps.indices {
            preparedSteps[index].context.gradientProcessing.globalScale = globalScale
            preparedSteps[index].context.stateIsQuantized = state.quantized.isQuantized(parameter: index)
        }
        let prepared = preparedSteps
        let offsets = state.offsets
        let window = state.window
        let wholeWalk = Storage.walksAcrossTensors && groups.isEmpty && multipliers.isEmpty && state.quantized.elementCount == 0
        // The prepared steps are lent to the walks in place, never copied.
        prepared.withUnsafeBufferPointer { prepared in
            withWholeStateBuffers { slots in
                if wholeWalk, !prepared.isEmpty {
                    if !window.isEmpty { storage.walk(prepared[0], elements: window, tensor: nil, state: slots.scalars) }
                } else {
                    for index in prepared.indices {
                        let elements = (offsets[index]..<offsets[index + 1]).clamped(to: window)
                        guard !elements.isEmpty else { continue }
                        storage.walk(prepared[index], elements: elements, tensor: index, state: slots.state(ofTensor: index, elements: elements))
                    }
                }
            }
        }
        stepCount += 1
    }

    /// Checks that the storage holds the tensors the state was created for, if it was.
    private func checkState<Storage: StepStorage>(against storage: Storage) throws(OptimizerError) {
        if storage.stateWindow != nil, case .eightBit = statePrecision {
            throw .inapplicable(name: "8-bit state", reason: "a sharded step keeps its part of the state in \(Scalar.self)")
        }
        guard state.parameterCount > 0 else { return }
        guard state.parameterCount == storage.tensorCount else {
            throw .shapeMismatch("the optimizer holds state for \(state.parameterCount) parameters, not \(storage.tensorCount)")
        }
        for index in 0..<storage.tensorCount where state.shapes[index] != storage.shape(ofTensor: index) {
            throw .shapeMismatch("parameter \(index) has shape \(storage.shape(ofTensor: index)) but its optimizer state \(state.shapes[index])")
        }
        let window = storage.stateWindow ?? 0..<state.offsets[state.offsets.count - 1]
        guard window == state.window else {
            throw .shapeMismatch("the optimizer holds state for elements \(state.window), this step updates \(window)")
        }
    }

    /// ``nonFiniteGradientPolicy`` applied to the gradients of the step about to be taken:
    /// whether the step should go on.
    ///
    /// - Throws: ``OptimizerError/nonFiniteGradient(_:)`` under ``NonFiniteGradientPolicy/throwError``.
    private mutating func admitsStep<Storage: StepStorage>(_ storage: Storage) throws(OptimizerError) -> Bool {
        switch nonFiniteGradientPolicy {
        case .propagate:
            return true
        case .stop where stoppedOnNonFiniteGradient != nil:
            return false
        case .throwError, .skipStep, .stop:
            break
        }
        guard let found = try storage.firstNonFiniteGradient() else { return true }
        let record = NonFiniteGradient(
            step: stepCount + skippedStepCount + 1, parameter: found.tensor, element: found.element, value: found.value)
        switch nonFiniteGradientPolicy {
        case .propagate:
            return true
        case .throwError:
            throw .nonFiniteGradient(record)
        case .skipStep:
            skippedStepCount += 1
            return false
        case .stop:
            stoppedOnNonFiniteGradient = record
            return false
        }
    }

    /// Creates the state at the first step: every slot any parameter's algorithm uses, each
    /// element at its algorithm's initial value.
    private mutating func createStateIfNeeded<Storage: StepStorage>(_ storage: Storage) {
        guard state.parameterCount == 0 else { return }
        let algorithms = (0..<storage.tensorCount).map(algorithm(forParameter:))
        state = OptimizerState(
            shapes: (0..<storage.tensorCount).map(storage.shape(ofTensor:)), slots: Self.usedSlots(algorithms),
            window: storage.stateWindow, precision: statePrecision, nonNegative: Self.nonNegativeSlots(algorithms)
        ) { index, slot in
            Scalar(algorithms[index].initialStateValue(for: slot))
        }
    }

    /// Every slot any of `algorithms` uses.
    static func usedSlots(_ algorithms: [any OptimizationAlgorithm]) -> StateSlots {
        algorithms.reduce(StateSlots()) { $0.union($1.stateSlots) }
    }

    /// The slots that every one of `algorithms` that uses them declares non-negative.
    static func nonNegativeSlots(_ algorithms: [any OptimizationAlgorithm]) -> StateSlots {
        [StateSlots.first, .second, .third].reduce(into: StateSlots()) { result, slot in
            let users = algorithms.filter { $0.stateSlots.contains(slot) }
            if !users.isEmpty, users.allSatisfy({ $0.nonNegativeStateSlots.contains(slot) }) { result.insert(slot) }
        }
    }

    /// The factor for clipping by global norm: the norm is taken over all gradients after
    /// rescaling and clipping by value (and coupled weight decay, when clipping follows it),
    /// summed in `Double` in row-major order, tensor after tensor (then combined with the sums
    /// of the other parts, for a layout that holds a part).
    private func clippingScale<Storage: StepStorage>(_ storage: Storage) throws(OptimizerError) -> Scalar where Storage.Scalar == Scalar {
        guard let clipNorm = algorithm.options.clipNorm else { return 1 }
        var sumOfSquares = 0.0
        for index in 0..<storage.tensorCount {
            storage.accumulateSquaredGradients(ofTensor: index, processing: preparedSteps[index].context.gradientProcessing, into: &sumOfSquares)
        }
        return clipNorm.factor(forNorm: try storage.globalSumOfSquares(sumOfSquares).squareRoot())
    }

    /// Calls `body` with every state slot whole: the `Scalar` slots, and the 8-bit slots with
    /// their maps and this step's rounding.
    ///
    /// The slot arrays are moved out of ``state`` for the call, so they stay uniquely referenced
    /// and writing them copies nothing.
    mutating func withWholeStateBuffers<Result>(_ body: (_ slots: WholeStateBuffers<Scalar>) -> Result) -> Result {
        var first = state.first
        var second = state.second
        var third = state.third
        var quantized = state.quantized
        state.first = []
        state.second = []
        state.third = []
        state.quantized.first = nil
        state.quantized.second = nil
        state.quantized.third = nil
        defer {
            state.first = first
            state.second = second
            state.third = third
            state.quantized = quantized
        }
        let offsets = state.offsets
        let windowStart = state.window.lowerBound
        let rounding = statePrecision.rounding
        let step = stepCount
        return first.withUnsafeMutableBufferPointer { first in
            second.withUnsafeMutableBufferPointer { second in
                third.withUnsafeMutableBufferPointer { third in
                    let scalars = StateBuffers(
                        first: first.isEmpty ? nil : first, second: second.isEmpty ? nil : second,
                        third: third.isEmpty ? nil : third)
                    return quantized.withSlotBuffers(rounding: rounding, step: step) { slots in
                        body(WholeStateBuffers(scalars: scalars, quantized: slots, offsets: offsets, windowStart: windowStart))
                    }
                }
            }
        }
    }
}
