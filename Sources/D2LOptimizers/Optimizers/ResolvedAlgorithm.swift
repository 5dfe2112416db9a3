import D2LTensor

/// An algorithm with its own hyperparameters resolved to one scalar type, ready to step.
///
/// ``OptimizationAlgorithm/resolved(as:)`` makes one when an ``Optimizer`` first needs it, and
/// the optimizer keeps it while the algorithm stays the same: converting hyperparameters
/// (rounding to `Float`, or reading them as MXNet does, through text) happens once, not at
/// every step. Every hyperparameter a step reads is a stored property of the conforming type,
/// so none can be forgotten and converted again per step.
public protocol ResolvedAlgorithm<Scalar>: Sendable {
    /// The scalar type of the parameters.
    associatedtype Scalar: TensorScalar

    /// Chooses this step's per-element rule from the options (the forms of the fused kernel,
    /// the coefficients), outside any loop over elements, and hands it to `visitor`: to run it
    /// (``KernelRun``) or to describe it.
    func withRule<Visitor: RuleVisitor>(_ context: StepContext<Scalar>, _ visitor: Visitor) -> Visitor.Result
    where Visitor.Scalar == Scalar
}

extension ResolvedAlgorithm {
    /// Runs one step over one parameter's buffers (or a part of them).
    public func step(
        _ context: StepContext<Scalar>, parameters: UnsafeMutableBufferPointer<Scalar>,
        gradients: UnsafeBufferPointer<Scalar>, state: StateBuffers<Scalar>
    ) {
        withRule(context, KernelRun(context, parameters: parameters, gradients: gradients, state: state))
    }
}
