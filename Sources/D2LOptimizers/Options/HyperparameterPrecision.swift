/// The precision in which hyperparameters enter the arithmetic.
public enum HyperparameterPrecision: String, Sendable, Codable, CaseIterable {
    /// Hyperparameters are converted from `Double` to the parameters' scalar type.
    case native
    /// Hyperparameters are first rounded to `Float`, as MXNet's fused operators and TensorFlow 1
    /// hold them, even for `Double` data.
    case float32

    /// `value` as the given scalar type under this precision.
    @inlinable
    public func resolve<Scalar: BinaryFloatingPoint>(_ value: Double, as _: Scalar.Type = Scalar.self) -> Scalar {
        switch self {
        case .native: Scalar(value)
        case .float32: Scalar(Float(value))
        }
    }
}
