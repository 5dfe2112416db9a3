import D2LTensor

/// A fully connected layer: `y = x · W + b` for input `x` of shape `[batch, inputCount]`,
/// weight `W` of shape `[inputCount, outputCount]` and bias `b` of shape `[outputCount]`.
public struct Dense<Scalar: TensorScalar>: Layer {
    public var parameters: [Tensor<Scalar>]
    public var parameterNames: [String] { ["weight", "bias"] }

    /// A layer whose weight is drawn by `weightInitializer` and whose bias starts at zero
    /// (Gluon's `Dense` with `net.initialize(init.Normal(sigma))`).
    public init<Generator: RandomNumberGenerator>(
        inputCount: Int, outputCount: Int, weightInitializer: Initializer<Scalar> = .normal(standardDeviation: 0.01),
        using generator: inout Generator
    ) {
        precondition(inputCount > 0 && outputCount > 0, "a dense layer needs at least one input and one output")
        parameters = [
            weightInitializer.tensor(shape: [inputCount, outputCount], using: &generator),
            Tensor.zeros(shape: [outputCount]),
        ]
    }

    /// The weight `W`, `[inputCount, outputCount]`.
    public var weight: Tensor<Scalar> { parameters[0] }
    /// The bias `b`, `[outputCount]`.
    public var bias: Tensor<Scalar> { parameters[1] }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func callAsFunction(_ input: Variable<Scalar>, parameters: RecordedVariables<Scalar>) -> Variable<Scalar> {
        let weight = parameters[parameters.startIndex]
        let bias = parameters[parameters.startIndex + 1]
        return input.matmul(weight) + bias
    }
}
