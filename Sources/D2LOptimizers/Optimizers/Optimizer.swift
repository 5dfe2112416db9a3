import D2LTensor

/// A stateful optimizer: an ``OptimizationAlgorithm`` plus the per-element state it keeps for a
/// list of parameters, advanced by ``step(_:gradients:)``.
///
/// ```swift
/// var optimizer = try Optimizer<Float>(RMSProp(learningRate: 0.01, decay: 0.9))
/// for batch in batches {
///     let gradients = computeGradients(parameters, batch)
///     try optimizer.step(&parameters, gradients: gradients)
/// }
/// ```
///
/// State is created at the first step, shaped like the parameters; later steps check that the
/// parameters and gradients still agree with it. A step allocates nothing.
public struct Optimizer<Scalar: TensorScalar> {
    /// The algorithm and its hyperparameters.
    public private(set) var algorithm: any OptimizationAlgorithm
    /// Steps taken so far.
    public private(set) var stepCount: Int = 0
    /// The per-element state, created at the first step.
    public private(set) var state: OptimizerState<Scalar> = .empty
    /// Per-parameter multipliers, by parameter index; missing entries are 1.
    public var multipliers: [Int: ParameterMultipliers] = [:]

    /// An optimizer running `algorithm`, whose hyperparameters are checked first.
    ///
    /// - Throws: ``OptimizerError`` naming the first invalid hyperparameter.
    public init(_ algorithm: any OptimizationAlgorithm) throws(OptimizerError) {
        try algorithm.validate()
        self.algorithm = algorithm
    }

    /// Updates every parameter in place from its gradient.
    ///
    /// - Throws: ``OptimizerError/shapeMismatch(_:)`` when the gradients do not match the
    ///   parameters, or the parameters no longer match the state of earlier steps.
    public mutating func step(_ parameters: inout [Tensor<Scalar>], gradients: [Tensor<Scalar>]) throws(OptimizerError) {
        try checkShapes(parameters, gradients)
        if state.parameterCount == 0 {
            let algorithm = algorithm
            state = OptimizerState(shapes: parameters.map(\.shape), slots: algorithm.stateSlots) {
                Scalar(algorithm.initialStateValue(for: $0))
            }
        }
        let globalScale = clippingScale(parameters, gradients)
        let contexts = parameters.indices.map { context(forParameter: $0, step: stepCount, globalScale: globalScale) }
        let algorithm = algorithm
        state.forEachParameter { index, buffers in
            gradients[index].withUnsafeBufferPointer { gradient in
                parameters[index].withUnsafeMutableBufferPointer { parameter in
                    algorithm.step(contexts[index], parameters: parameter, gradients: gradient, state: buffers)
                }
            }
        }
        stepCount += 1
    }

    private func checkShapes(_ parameters: [Tensor<Scalar>], _ gradients: [Tensor<Scalar>]) throws(OptimizerError) {
        guard parameters.count == gradients.count else {
            throw .shapeMismatch("\(parameters.count) parameters but \(gradients.count) gradients")
        }
        for (index, (parameter, gradient)) in zip(parameters, gradients).enumerated() where parameter.shape != gradient.shape {
            throw .shapeMismatch("parameter \(index) has shape \(parameter.shape) but its gradient \(gradient.shape)")
        }
        guard state.parameterCount > 0 else { return }
        guard state.parameterCount == parameters.count else {
            throw .shapeMismatch("the optimizer holds state for \(state.parameterCount) parameters, not \(parameters.count)")
        }
        for (index, parameter) in parameters.enumerated() where state.shapes[index] != parameter.shape {
            throw .shapeMismatch("parameter \(index) has shape \(parameter.shape) but its optimizer state \(state.shapes[index])")
        }
    }

    private func context(forParameter index: Int, step t: Int, globalScale: Double) -> StepContext<Scalar> {
        let options = algorithm.options
        let multiplier = multipliers[index] ?? ParameterMultipliers()
        let precision = options.precision
        let learningRate = options.learningRate.value(atStep: t) * multiplier.learningRate
        let decay = options.weightDecay * multiplier.weightDecay
        let coupled = options.weightDecayMode == .coupled ? decay : 0
        let decoupled = options.weightDecayMode == .decoupled ? learningRate * decay : 0
        let rescale = options.maximize ? -options.rescaleGradient : options.rescaleGradient
        return StepContext(
            step: t,
            learningRate: precision.resolve(learningRate),
            gradientProcessing: GradientProcessing(
                rescale: precision.resolve(rescale), weightDecay: precision.resolve(coupled),
                clipBound: options.clipGradient.map { precision.resolve($0) } ?? .infinity,
                globalScale: Scalar(globalScale)
            ),
            parameterProcessing: ParameterProcessing(
                decoupledDecay: precision.resolve(decoupled),
                weightBound: options.clipWeights.map { precision.resolve($0) } ?? .infinity
            ),
            precision: precision
        )
    }

    /// The factor for clipping by global norm: the norm is taken over all gradients after
    /// rescaling, coupled weight decay and clipping by value.
    private func clippingScale(_ parameters: [Tensor<Scalar>], _ gradients: [Tensor<Scalar>]) -> Double {
        guard let clipNorm = algorithm.options.clipNorm else { return 1 }
        var sumOfSquares = 0.0
        for index in parameters.indices {
            var processing = context(forParameter: index, step: stepCount, globalScale: 1).gradientProcessing
            processing.globalScale = 1
            for (g, p) in zip(gradients[index].scalars, parameters[index].scalars) {
                let processed = Double(processing(g, parameter: p))
                sumOfSquares += processed * processed
            }
        }
        return clipNorm.factor(forNorm: sumOfSquares.squareRoot())
    }
}

extension Optimizer {
    /// Changes the common options (learning rate, rescaling, …) between steps, keeping the state.
    ///
    /// - Throws: ``OptimizerError`` if the changed options are invalid; nothing changes then.
    public mutating func updateOptions(_ change: (inout CommonOptions) -> Void) throws(OptimizerError) {
        var changed = algorithm
        change(&changed.options)
        try changed.validate()
        algorithm = changed
    }
}
