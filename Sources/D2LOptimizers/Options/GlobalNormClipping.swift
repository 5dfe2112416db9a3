/// Clipping by the global L2 norm of all gradients: when the norm `‖g‖` exceeds `maximum`,
/// every gradient is multiplied by a factor below 1.
public struct GlobalNormClipping: Sendable, Codable, Equatable {
    /// How the factor is computed.
    public enum Formula: String, Sendable, Codable, CaseIterable {
        /// `min(1, maximum / (‖g‖ + 10⁻⁶))`, always applied (`torch.nn.utils.clip_grad_norm_`).
        case pytorch
        /// `maximum / ‖g‖` when `‖g‖ > maximum`, else 1 (Keras `global_clipnorm`,
        /// Optax `clip_by_global_norm`).
        case exact
    }

    /// The largest global norm let through.
    public var maximum: Double
    /// How the factor is computed.
    public var formula: Formula

    /// Clipping to `maximum` with the given formula.
    public init(maximum: Double, formula: Formula = .pytorch) {
        self.maximum = maximum
        self.formula = formula
    }

    /// The factor for gradients whose global norm is `norm`.
    public func factor(forNorm norm: Double) -> Double {
        switch formula {
        case .pytorch: Swift.min(1, maximum / (norm + 1e-6))
        case .exact: norm > maximum ? maximum / norm : 1
        }
    }
}
