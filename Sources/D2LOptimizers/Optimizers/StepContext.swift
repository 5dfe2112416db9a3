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
    /// Hyperparameters resolved ahead under `precision`, by bit pattern.
    var resolvedAhead: [(bits: UInt64, value: Scalar)] = []

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
        for entry in resolvedAhead where entry.bits == value.bitPattern { return entry.value }
        return precision.resolve(value)
    }

    /// This context with `values` resolved ahead, so that ``resolve(_:)`` finds them without
    /// converting again.
    func resolving(ahead values: [Double]) -> StepContext {
        var context = self
        context.resolvedAhead = values.map { ($0.bitPattern, precision.resolve($0)) }
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
