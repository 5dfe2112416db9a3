import D2LTensor

/// Layers applied one after another; its parameters are theirs, concatenated in order.
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 0)
/// let net = Sequential<Float>([
///     Dense(inputCount: 5, outputCount: 8, using: &generator),
///     Activation(.tanh),
///     Dense(inputCount: 8, outputCount: 1, using: &generator),
/// ])
/// ```
public struct Sequential<Scalar: TensorScalar>: Layer {
    /// The layers, first applied first.
    public var layers: [any Layer<Scalar>]

    /// A stack of `layers`.
    public init(_ layers: [any Layer<Scalar>]) {
        self.layers = layers
    }

    public var parameters: [Tensor<Scalar>] {
        get { layers.flatMap { $0.parameters } }
        set {
            var remaining = newValue[...]
            for index in layers.indices {
                let count = layers[index].parameters.count
                layers[index].parameters = Array(remaining.prefix(count))
                remaining = remaining.dropFirst(count)
            }
        }
    }

    public var parameterNames: [String] {
        layers.enumerated().flatMap { index, layer in layer.parameterNames.map { "\(index).\($0)" } }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func callAsFunction(_ input: Variable<Scalar>, parameters: RecordedVariables<Scalar>) -> Variable<Scalar> {
        var output = input
        var remaining = parameters
        for layer in layers {
            let count = layer.parameters.count
            output = layer(output, parameters: remaining.prefix(count))
            remaining = remaining.dropFirst(count)
        }
        return output
    }
}
