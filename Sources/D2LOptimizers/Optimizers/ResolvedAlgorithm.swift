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

    /// Runs one step over one parameter's buffers (or a part of them).
    func step(
        _ context: StepContext<Scalar>, parameters: UnsafeMutableBufferPointer<Scalar>,
        gradients: UnsafeBufferPointer<Scalar>, state: StateBuffers<Scalar>
    )
}
