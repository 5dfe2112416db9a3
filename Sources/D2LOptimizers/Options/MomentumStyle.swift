/// How a momentum buffer combines with the learning rate.
public enum MomentumStyle: String, Sendable, Codable, CaseIterable {
    /// `b ← μ · b + u;  p ← p − η · b` (PyTorch).
    case learningRateOutsideBuffer = "lr-outside"
    /// `b ← μ · b + η · u;  p ← p − b` (the book's chapter-7 `sgd_momentum`, TensorFlow, Keras,
    /// MXNet, Optax).
    case learningRateInsideBuffer = "lr-inside"
    /// `b ← μ · b + η · u;  p ← p − (η · u + μ · b)`: Nesterov momentum as Optax's `trace`
    /// (``RMSProp`` only).
    case nesterov
}
