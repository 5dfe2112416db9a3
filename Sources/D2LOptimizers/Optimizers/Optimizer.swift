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
    public private(set) var algorithm: any OptimizationAlgorithm {
        didSet { preparedSteps.removeAll() }
    }
    /// Steps taken so far.
    public internal(set) var stepCount: Int = 0
    /// The per-element state, created at the first step.
    public internal(set) var state: OptimizerState<Scalar> = .empty
    /// What a step does with a NaN or infinite gradient; ``NonFiniteGradientPolicy/propagate``
    /// (no check) by default.
    public var nonFiniteGradientPolicy: NonFiniteGradientPolicy = .propagate
    /// Steps left out under ``NonFiniteGradientPolicy/skipStep``.
    public internal(set) var skippedStepCount: Int = 0
    /// Where ``NonFiniteGradientPolicy/stop`` stopped the optimizer, if it did.
    public internal(set) var stoppedOnNonFiniteGradient: NonFiniteGradient?
    /// Per-parameter multipliers, by parameter index; missing entries are 1.
    public var multipliers: [Int: ParameterMultipliers] = [:] {
        didSet { preparedSteps.removeAll() }
    }
    /// Parameters that follow an algorithm of their own (PyTorch's `param_groups`).
    public private(set) var groups: [ParameterGroup] = [] {
        didSet { preparedSteps.removeAll() }
    }
    /// How the state is stored: in `Scalar`, or in 8 bits for large tensors.
    public let statePrecision: StatePrecision
    /// Each parameter's resolved algorithm and step context (see ``PreparedStep``).
    var preparedSteps: [PreparedStep<Scalar>] = []

    /// An optimizer running `algorithm`, whose hyperparameters are checked first; parameters
    /// listed in `groups` follow their group's algorithm instead.
    ///
    /// - Parameters:
    ///   - statePrecision: ``StatePrecision/float32`` (the default) keeps the state in
    ///     `Scalar`; ``StatePrecision/eightBit(minimumSize:rounding:)`` keeps the state of large
    ///     tensors in 8-bit blocks.
    /// - Throws: ``OptimizerError`` naming the first invalid hyperparameter, or a parameter
    ///   listed in two groups.
    public init(
        _ algorithm: any OptimizationAlgorithm, groups: [ParameterGroup] = [], statePrecision: StatePrecision = .float32
    ) throws(OptimizerError) {
        try statePrecision.validate()
        try algorithm.validate()
        var seen = Set<Int>()
        for group in groups {
            try group.algorithm.validate()
            for index in group.parameters {
                guard index >= 0, seen.insert(index).inserted else {
                    throw .inapplicable(name: "parameter group", reason: "parameter \(index) is negative or listed twice")
                }
            }
        }
        self.algorithm = algorithm
        self.groups = groups
        self.statePrecision = statePrecision
    }

    /// The algorithm parameter `index` follows.
    public func algorithm(forParameter index: Int) -> any OptimizationAlgorithm {
        groups.first { $0.parameters.contains(index) }?.algorithm ?? algorithm
    }

    /// Updates every parameter in place from its gradient.
    ///
    /// - Throws: ``OptimizerError/shapeMismatch(_:)`` when the gradients do not match the
    ///   parameters, or the parameters no longer match the state of earlier steps;
    ///   ``OptimizerError/nonFiniteGradient(_:)`` for a NaN or infinite gradient under
    ///   ``NonFiniteGradientPolicy/throwError`` (see ``nonFiniteGradientPolicy``).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func step(_ parameters: inout [Tensor<Scalar>], gradients: [Tensor<Scalar>]) throws(OptimizerError) {
        try parameters.withUnsafeMutableBufferPointer { (parameters) throws(OptimizerError) in
            try gradients.withUnsafeBufferPointer { (gradients) throws(OptimizerError) in
                try step(TensorListStorage(parameters: parameters, gradients: gradients))
            }
        }
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
