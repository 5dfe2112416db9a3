import D2LTensor
import RealModule

/// A parameter-free elementwise nonlinearity.
public struct Activation<Scalar: TensorScalar>: Layer {
    /// The available functions.
    public enum Function: String, Sendable, CaseIterable {
        /// `max(x, 0)`.
        case relu
        /// `tanh(x)`.
        case tanh
        /// `1 / (1 + e⁻ˣ)`.
        case sigmoid

        /// The function at `x`, computed as the tape's operation computes it.
        @inlinable
        public func value(_ x: Scalar) -> Scalar {
            switch self {
            case .relu: x > 0 ? x : 0
            case .tanh: Scalar.tanh(x)
            case .sigmoid: 1 / (1 + Scalar.exp(-x))
            }
        }

        /// The gradient at the input given the `upstream` gradient, the `input` and the
        /// `output`, computed as the tape's backward pass computes it: `u · 1[x > 0]`,
        /// `u · (1 − y²)`, `u · y(1 − y)`.
        @inlinable
        public func derivative(upstream u: Scalar, input x: Scalar, output y: Scalar) -> Scalar {
            switch self {
            case .relu: u * (x > 0 ? 1 : 0)
            case .tanh: u * (1 - y * y)
            case .sigmoid: u * (y * (1 - y))
            }
        }
    }

    /// The function applied.
    public var function: Function
    public var parameters: [Tensor<Scalar>] = []
    public var parameterNames: [String] { [] }

    /// An activation layer applying `function`.
    public init(_ function: Function) {
        self.function = function
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func callAsFunction(_ input: Variable<Scalar>, parameters: RecordedVariables<Scalar>) -> Variable<Scalar> {
        switch function {
        case .relu: input.relu()
        case .tanh: input.tanh()
        case .sigmoid: input.sigmoid()
        }
    }
}
