import D2LTensor

/// How a parameter tensor is filled before training.
public enum Initializer<Scalar: TensorScalar>: Sendable, Equatable {
    /// Every value 0.
    case zeros
    /// Every value equal to the given constant.
    case constant(Scalar)
    /// Normal samples with mean 0 and the given standard deviation (Gluon's `init.Normal(sigma)`).
    case normal(standardDeviation: Scalar)
    /// Uniform samples in `[−scale, scale]` (Gluon's `init.Uniform(scale)`).
    case uniform(scale: Scalar)

    /// A tensor of the given shape filled by this initializer.
    public func tensor<Generator: RandomNumberGenerator>(shape: [Int], using generator: inout Generator) -> Tensor<Scalar> {
        switch self {
        case .zeros:
            Tensor.zeros(shape: shape)
        case let .constant(value):
            Tensor(repeating: value, shape: shape)
        case let .normal(standardDeviation):
            Tensor.randomNormal(shape: shape, standardDeviation: standardDeviation, using: &generator)
        case let .uniform(scale):
            Tensor.randomUniform(shape: shape, lowerBound: -scale, upperBound: scale, using: &generator)
        }
    }
}
