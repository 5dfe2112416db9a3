import D2LTensor

/// An algorithm with its own hyperparameters resolved to one scalar type, ready to step.
///
/// ``OptimizationAlgorithm/resolved(as:)`` makes one when an ``Optimizer`` first needs it, and
/// the optimizer keeps it while the algorithm stays the same: converting hyperparameters
/// (rounding to `Float`, or reading them as MXNet does, through text) happens once, not at
/// every step. Every hyperparameter a step reads is a stored property of the conforming type,
/// so none can be forgotten and converted again per step.
public protocol ResolvedAlgorithm: Sendable {
    /// Chooses this step's per-element rule from the options (the forms of the fused kernel,
    /// the coefficients), outside any loop over elements, and hands it to `visitor`: to run it
    /// (``KernelRun``) or to describe it.
    func withRule<Visitor: RuleVisitor>(_ context: StepContext<Visitor.Scalar>, _ visitor: Visitor) -> Visitor.Result

    /// Runs one step over one parameter's buffers (or a part of them): ``withRule(_:_:)`` with
    /// a ``KernelRun``.
    ///
    /// A requirement of its own, implemented by each conforming type with `Scalar` specialised
    /// to `Float` and `Double`, so that reaching the fused loop through an existential costs a
    /// comparison of scalar types, not a lookup of generic types at every call.
    func step<Scalar: TensorScalar>(
        _ context: StepContext<Scalar>, parameters: UnsafeMutableBufferPointer<Scalar>,
        gradients: UnsafeBufferPointer<Scalar>, state: StateBuffers<Scalar>
    )
}

extension ResolvedAlgorithm {
    /// ``withRule(_:_:)`` with a ``KernelRun``: the body of every conforming type's ``step``.
    ///
    /// Kept out of line so that `step`'s own generic code only forwards its arguments: a
    /// generic value built there would make every call, the specialised `Float` and `Double`
    /// ones too, look up its type's metadata first.
    @inline(never)
    func runKernel<Scalar: TensorScalar>(
        _ context: StepContext<Scalar>, parameters: UnsafeMutableBufferPointer<Scalar>,
        gradients: UnsafeBufferPointer<Scalar>, state: StateBuffers<Scalar>
    ) {
        withRule(context, KernelRun(context, parameters: parameters, gradients: gradients, state: state))
    }
}
