import D2LTensor

/// What is done with an optimizer's per-element rule once a step has chosen it from the
/// options: run over buffers in one fused pass (``KernelRun``), or described as formulas.
///
/// ``ResolvedAlgorithm/withRule(_:_:)`` makes the choice once, outside any loop over elements,
/// and hands the concrete rule to a visitor; because running and describing go through that
/// one choice, a description always tells what the kernel executes.
public protocol RuleVisitor<Scalar> {
    /// The scalar type of the parameters.
    associatedtype Scalar: TensorScalar
    /// What visiting a rule gives.
    associatedtype Result

    /// Does this visitor's work with `rule`.
    func visit<Rule: ElementwiseRule>(_ rule: Rule) -> Result where Rule.Scalar == Scalar
}

/// Runs a rule, wrapped in its step's processing, over one parameter's buffers.
public struct KernelRun<Scalar: TensorScalar>: RuleVisitor {
    /// The step's context: learning rate and processing around the rule.
    public var context: StepContext<Scalar>
    /// The parameters to update.
    public var parameters: UnsafeMutableBufferPointer<Scalar>
    /// Their gradients.
    public var gradients: UnsafeBufferPointer<Scalar>
    /// Their state.
    public var state: StateBuffers<Scalar>

    /// A run over the given buffers.
    @inlinable
    public init(
        _ context: StepContext<Scalar>, parameters: UnsafeMutableBufferPointer<Scalar>,
        gradients: UnsafeBufferPointer<Scalar>, state: StateBuffers<Scalar>
    ) {
        self.context = context
        self.parameters = parameters
        self.gradients = gradients
        self.state = state
    }

    @inlinable
    public func visit<Rule: ElementwiseRule>(_ rule: Rule) where Rule.Scalar == Scalar {
        context.run(rule, parameters: parameters, gradients: gradients, state: state)
    }
}

/// Describes a rule wrapped in its step's processing: the formulas in the order the kernel
/// computes them, and the values of their symbols.
struct RuleDescriber<Scalar: TensorScalar>: RuleVisitor {
    let context: StepContext<Scalar>
    /// The global-norm clipping the options ask for (its factor depends on the gradients).
    let globalNorm: GlobalNormClipping?

    func visit<Rule: ElementwiseRule>(_ rule: Rule) -> UpdateDescription where Rule.Scalar == Scalar {
        ProcessedRule(rule, gradientProcessing: context.gradientProcessing, parameterProcessing: context.parameterProcessing)
            .updateDescription(globalNorm: globalNorm)
    }
}
