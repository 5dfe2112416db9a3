import D2LTensor

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
