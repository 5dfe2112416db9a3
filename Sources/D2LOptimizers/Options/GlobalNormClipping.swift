import D2LTensor

/// Clipping by the global L2 norm of all gradients: when the norm `‖g‖` exceeds `maximum`,
/// every gradient is multiplied by a factor below 1.
public struct GlobalNormClipping: Sendable, Codable, Equatable {
    /// How the factor is computed.
    public enum Formula: String, Sendable, Codable, CaseIterable {
        /// `min(1, maximum / (‖g‖ + 10⁻⁶))`, always applied (`torch.nn.utils.clip_grad_norm_`).
        case pytorch
        /// `maximum / ‖g‖` when `‖g‖ > maximum`, else 1 (Optax `clip_by_global_norm`).
        case exact
        /// `maximum · min(1 / ‖g‖, 1 / maximum)`, always applied (Keras `global_clipnorm`,
        /// `tf.clip_by_global_norm`); may differ from 1 by a rounding when not clipping.
        case tensorflow
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

    /// The factor for gradients whose global norm is `norm`, computed in `Scalar` as the
    /// frameworks compute it in the gradients' type.
    public func factor<Scalar: TensorScalar>(forNorm norm: Double, as _: Scalar.Type = Scalar.self) -> Scalar {
        let (maximum, norm) = (Scalar(maximum), Scalar(norm))
        switch formula {
        case .pytorch: return Swift.min(1, maximum / (norm + Scalar(1e-6)))
        case .exact: return norm > maximum ? maximum / norm : 1
        case .tensorflow: return maximum * Swift.min(1 / norm, 1 / maximum)
        }
    }
}
