import D2LTensor

/// What a step of one parameter needs beyond its buffers — its algorithm and its step context
/// with the hyperparameters resolved to the scalar type — kept from one step to the next.
///
/// Resolving a context reads the options through the algorithm's existential, looks up the
/// parameter's multipliers and converts every hyperparameter (under MXNet's precision, through
/// a parsed-text emulation). For a model of a few small tensors that costs more than the
/// arithmetic of the step, so an ``Optimizer`` resolves once and reuses the result while the
/// learning rate and the global clipping scale are those it was resolved for. Changing the
/// algorithm, its options, the groups or the multipliers discards every prepared step.
struct PreparedStep<Scalar: TensorScalar>: Sendable {
    /// The algorithm the parameter follows.
    var algorithm: any OptimizationAlgorithm
    /// Its learning-rate schedule and the parameter's learning-rate multiplier.
    var schedule: ScheduledLearningRate
    var learningRateMultiplier: Double
    /// The learning rate (schedule × multiplier) and global scale `context` was resolved for.
    var learningRate: Double
    var globalScale: Scalar
    /// The resolved context, with the algorithm's hyperparameters resolved ahead.
    var context: StepContext<Scalar>
}

extension Optimizer {
    /// Brings ``preparedSteps`` up to date for `count` parameters at the current step,
    /// resolving again only those whose learning rate or global scale changed.
    mutating func prepareSteps(count: Int, globalScale: Scalar) {
        if preparedSteps.count != count {
            preparedSteps = (0..<count).map { preparedStep(forParameter: $0, globalScale: globalScale) }
            return
        }
        for index in 0..<count {
            let learningRate = preparedSteps[index].schedule.value(atStep: stepCount) * preparedSteps[index].learningRateMultiplier
            if learningRate.bitPattern == preparedSteps[index].learningRate.bitPattern,
                globalScale == preparedSteps[index].globalScale {
                preparedSteps[index].context.step = stepCount
            } else {
                preparedSteps[index] = preparedStep(forParameter: index, globalScale: globalScale)
            }
        }
    }

    private func preparedStep(forParameter index: Int, globalScale: Scalar) -> PreparedStep<Scalar> {
        let algorithm = algorithm(forParameter: index)
        let schedule = algorithm.options.learningRate
        let multiplier = (multipliers[index] ?? ParameterMultipliers()).learningRate
        let context = context(forParameter: index, step: stepCount, globalScale: globalScale)
        return PreparedStep(
            algorithm: algorithm, schedule: schedule, learningRateMultiplier: multiplier,
            learningRate: schedule.value(atStep: stepCount) * multiplier, globalScale: globalScale,
            context: context.resolving(ahead: algorithm.resolvedHyperparameters)
        )
    }
}
