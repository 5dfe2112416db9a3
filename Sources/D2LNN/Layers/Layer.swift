import D2LTensor

/// A differentiable function with parameters, such as ``Dense``.
///
/// A layer is a value holding its parameters; the forward pass reads them as variables recorded
/// on a tape, so the gradient with respect to each comes from `GradientTape.backward(from:)`.
public protocol Layer<Scalar> {
    /// The scalar type computed with.
    associatedtype Scalar: TensorScalar

    /// The parameters, in a fixed order.
    var parameters: [Tensor<Scalar>] { get set }

    /// A name for each parameter, in the same order (`"weight"`, `"bias"`, …).
    var parameterNames: [String] { get }

    /// The forward pass, given the parameters as recorded variables in ``parameters`` order.
    func callAsFunction(_ input: Variable<Scalar>, parameters: RecordedVariables<Scalar>) -> Variable<Scalar>
}

extension Layer {
    /// The forward pass on a constant input, recording the parameters on `tape`.
    ///
    /// Returns the output and the recorded parameters, whose gradients the tape will hold.
    @inlinable
    public func forward(_ input: Tensor<Scalar>, on tape: GradientTape<Scalar>) -> (output: Variable<Scalar>, parameters: RecordedVariables<Scalar>) {
        forward(input, parameters: parameters, on: tape)
    }

    /// The forward pass with `values` (in ``parameters`` order) in place of the layer's own
    /// parameters: a training loop that keeps the parameters in its own array records them
    /// without copying.
    @inlinable
    public func forward(
        _ input: Tensor<Scalar>, parameters values: [Tensor<Scalar>], on tape: GradientTape<Scalar>
    ) -> (output: Variable<Scalar>, parameters: RecordedVariables<Scalar>) {
        let recorded = tape.parameters(values)
        return (self(tape.constant(input), parameters: recorded), recorded)
    }

    /// The forward pass without recording gradients: an inference-only evaluation.
    public func callAsFunction(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        forward(input, on: GradientTape()).output.value
    }
}
