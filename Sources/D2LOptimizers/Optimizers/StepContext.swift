import D2LTensor

/// Everything about one optimizer step of one parameter that does not depend on the element:
/// the step number, the scheduled learning rate and the processing around the rule, resolved to
/// the parameter's scalar type.
public struct StepContext<Scalar: TensorScalar>: Sendable {
    /// Steps already taken before this one (0 for the first).
    public var step: Int
    /// η for this step and parameter (schedule, warm-up and multiplier applied).
    public var learningRate: Scalar
    /// Gradient processing before the rule.
    public var gradientProcessing: GradientProcessing<Scalar>
    /// Parameter processing around the rule.
    public var parameterProcessing: ParameterProcessing<Scalar>
    /// How the algorithm's own hyperparameters are resolved to `Scalar`.
    public var precision: HyperparameterPrecision
    /// Up to eight hyperparameters resolved ahead under `precision`, by bit pattern (held
    /// inline, so that a context is plain data and copies as such). The resolved values are
    /// kept as `Double`, which holds every `Float` and `Double` exactly.
    var resolvedBits = SIMD8<UInt64>()
    var resolvedValues = SIMD8<Double>()
    var resolvedCount = 0

    /// A context with the given parts.
    public init(
        step: Int, learningRate: Scalar, gradientProcessing: GradientProcessing<Scalar>,
        parameterProcessing: ParameterProcessing<Scalar>, precision: HyperparameterPrecision
    ) {
        self.step = step
        self.learningRate = learningRate
        self.gradientProcessing = gradientProcessing
        self.parameterProcessing = parameterProcessing
        self.precision = precision
    }

    /// `value` in `Scalar` under this context's precision.
    public func resolve(_ value: Double) -> Scalar {
        for index in 0..<resolvedCount where resolvedBits[index] == value.bitPattern { return Scalar(resolvedValues[index]) }
        return precision.resolve(value)
    }

    /// This context with `values` resolved ahead, so that ``resolve(_:)`` finds them without
    /// converting again.
    func resolving(ahead values: [Double]) -> StepContext {
        var context = self
        for value in values.prefix(resolvedBits.scalarCount) {
            context.resolvedBits[context.resolvedCount] = value.bitPattern
            context.resolvedValues[context.resolvedCount] = Double(precision.resolve(value, as: Scalar.self))
            context.resolvedCount += 1
        }
        return context
    }

    /// Runs `rule`, wrapped in this context's processing, over the buffers in one pass.
    @inlinable
    public func run<Rule: ElementwiseRule>(
        _ rule: Rule, parameters: UnsafeMutableBufferPointer<Scalar>, gradients: UnsafeBufferPointer<Scalar>,
        state: StateBuffers<Scalar>
    ) where Rule.Scalar == Scalar {
        let processed = ProcessedRule(rule, gradientProcessing: gradientProcessing, parameterProcessing: parameterProcessing)
        ElementwiseKernel.apply(processed, parameters: parameters, gradients: gradients, state: state)
    }
}
