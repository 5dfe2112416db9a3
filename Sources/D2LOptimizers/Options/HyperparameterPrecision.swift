/// The precision in which hyperparameters enter the arithmetic.
public enum HyperparameterPrecision: String, Sendable, Codable, CaseIterable {
    /// Hyperparameters are converted from `Double` to the parameters' scalar type.
    case native
    /// Hyperparameters are first rounded to `Float`, as TensorFlow 1 holds them, even for
    /// `Double` data.
    case float32
    /// Hyperparameters become `Float` the way MXNet 1.x's operators read them: Python's text of
    /// the number parsed by dmlc-core , even for `Double` data.
    case mxnet

    /// `value` as the given scalar type under this precision.
    public func resolve<Scalar: BinaryFloatingPoint>(_ value: Double, as _: Scalar.Type = Scalar.self) -> Scalar {
        switch self {
        case .native: Scalar(value)
        case .float32: Scalar(Float(value))
        case .mxnet: Scalar(MXNetFloatParsing.float(value))
        }
    }
}
