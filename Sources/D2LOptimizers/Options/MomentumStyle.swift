/// How a momentum buffer combines with the learning rate.
public enum MomentumStyle: String, Sendable, Codable, CaseIterable {
    /// `b ← μ · b + u;  p ← p − η · b` (PyTorch).
    case learningRateOutsideBuffer = "lr-outside"
    /// `b ← μ · b + η · u;  p ← p − b` (the book's momentum, TensorFlow, Keras, MXNet, Optax).
    case learningRateInsideBuffer = "lr-inside"
}
