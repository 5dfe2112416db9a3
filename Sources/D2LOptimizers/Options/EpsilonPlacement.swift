/// Where ε enters the denominator `√v` of an adaptive step.
public enum EpsilonPlacement: String, Sendable, Codable, CaseIterable {
    /// `√(v + ε)`: the book, MXNet, Keras, TensorFlow, Optax's default.
    case insideSquareRoot = "inside"
    /// `√v + ε`: PyTorch, MLX, Optax with `eps_in_sqrt=False`.
    case outsideSquareRoot = "outside"
}
