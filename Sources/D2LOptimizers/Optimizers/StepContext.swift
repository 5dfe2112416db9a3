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
    /// Whether the parameter keeps 8-bit state (see ``StatePrecision``): rules whose state
    /// must satisfy an invariant that independent rounding of two slots can break (centred
    /// RMSProp's `s ≥ m²`) then enforce it.
    public var stateIsQuantized = false

    /// A context with the given parts.
    public init(
        step: Int, learningRate: Scalar, gradientProcessing: GradientProcessing<Scalar>,
        parameterProcessing: ParameterProcessing<Scalar>
    ) {
        self.step = step
        self.learningRate = learningRate
        self.gradientProcessing = gradientProcessing
        self.parameterProcessing = parameterProcessing
    }

    /// Runs `rule`, wrapped in this context's processing, over the buffers in one pass: through
    /// ``ElementwiseKernel``, or block by block through 8-bit state when `state` holds it.
    @inlinable
    public func run<Rule: ElementwiseRule>(
        _ rule: Rule, parameters: UnsafeMutableBufferPointer<Scalar>, gradients: UnsafeBufferPointer<Scalar>,
        state: StateBuffers<Scalar>
    ) where Rule.Scalar == Scalar {
        let processed = ProcessedRule(rule, gradientProcessing: gradientProcessing, parameterProcessing: parameterProcessing)
        if let quantized = state.quantized {
            QuantizedKernel.apply(processed, parameters: parameters, gradients: gradients, state: quantized)
        } else {
            ElementwiseKernel.apply(processed, parameters: parameters, gradients: gradients, state: state)
        }
    }
}
