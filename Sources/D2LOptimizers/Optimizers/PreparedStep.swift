import D2LTensor

/// Everything a step of one parameter needs beyond its buffers, resolved to the scalar type
/// and kept from one step to the next: the optimizer's one cache of resolved coefficients.
///
/// Resolving reads the options through the algorithm's existential, looks up the parameter's
/// multipliers and converts every hyperparameter (under MXNet's precision, through a
/// parsed-text emulation). For a model of a few small tensors that costs more than the
/// arithmetic of the step, so an ``Optimizer`` resolves once — the algorithm's own
/// hyperparameters (``ResolvedAlgorithm``) and the gradient processing — and at later steps
/// only converts the learning rate again, when the schedule changes it. Changing the
/// algorithm, its options, the groups or the multipliers discards every prepared step.
struct PreparedStep<Scalar: TensorScalar>: Sendable {
    /// The algorithm the parameter follows, resolved to `Scalar`.
    var algorithm: any ResolvedAlgorithm
    /// Its learning-rate schedule and the parameter's learning-rate multiplier.
    var schedule: ScheduledLearningRate
    var learningRateMultiplier: Double
    /// The decoupled weight decay λ_d (times the parameter's multiplier); 0 when coupled.
    var decoupledWeightDecay: Double
    /// How the learning rate and η·λ_d reach the arithmetic.
    var precision: HyperparameterPrecision
    /// The learning rate (schedule × multiplier) `context` holds.
    var learningRate: Double
    /// This step's context.
    var context: StepContext<Scalar>

    /// The prepared step of a parameter that follows `algorithm` with `multiplier`, at step `t`.
    init(_ algorithm: any OptimizationAlgorithm, multiplier: ParameterMultipliers, step t: Int) {
        let options = algorithm.options
        let precision = options.precision
        let decay = options.weightDecay * multiplier.weightDecay
        let coupled: Scalar = options.weightDecayMode == .coupled ? precision.resolve(decay) : 0
        let rescale = options.maximize ? -options.rescaleGradient : options.rescaleGradient
        let clipFirst = options.clippingOrder == .beforeCoupledDecay
        self.algorithm = algorithm.resolved(as: Scalar.self)
        schedule = options.learningRate
        learningRateMultiplier = multiplier.learningRate
        decoupledWeightDecay = options.weightDecayMode == .decoupled ? decay : 0
        self.precision = precision
        learningRate = .nan
        context = StepContext(
            step: t, learningRate: 0,
            gradientProcessing: GradientProcessing(
                rescale: precision.resolve(rescale), decayBeforeClipping: clipFirst ? 0 : coupled,
                clipBound: options.clipGradient.map { options.clippingPrecision.resolve($0) } ?? .infinity,
                decayAfterClipping: clipFirst ? coupled : 0
            ),
            parameterProcessing: ParameterProcessing(
                weightBound: options.clipWeights.map { options.clippingPrecision.resolve($0) } ?? .infinity)
        )
        advance(to: t)
    }

    /// Moves the context to step `t`, converting the learning rate (and η·λ_d) again only when
    /// the schedule changed it.
    mutating func advance(to t: Int) {
        context.step = t
        let rate = schedule.value(atStep: t) * learningRateMultiplier
        guard rate.bitPattern != learningRate.bitPattern else { return }
        learningRate = rate
        context.learningRate = precision.resolve(rate)
        context.parameterProcessing.decoupledDecay = precision.resolve(rate * decoupledWeightDecay)
    }
}

extension Optimizer {
    /// Brings ``preparedSteps`` to the current step for `count` parameters, preparing them
    /// anew when there are none (or another number of them).
    mutating func prepareSteps(count: Int) {
        guard preparedSteps.count == count else {
            preparedSteps = (0..<count).map { index in
                PreparedStep(algorithm(forParameter: index), multiplier: multiplier(forParameter: index), step: stepCount)
            }
            return
        }
        for index in 0..<count { preparedSteps[index].advance(to: stepCount) }
    }

    /// The multipliers of parameter `index` (1 when none are set).
    private func multiplier(forParameter index: Int) -> ParameterMultipliers {
        multipliers.isEmpty ? ParameterMultipliers() : multipliers[index] ?? ParameterMultipliers()
    }
}
