/// Whether gradient clipping (by value and by global norm) sees coupled weight decay.
public enum ClippingOrder: String, Sendable, Codable, CaseIterable {
    /// `clip(g + λ·p)`: MXNet's fused operators (and the book's default here).
    case afterCoupledDecay = "after-decay"
    /// `clip(g) + λ·p`: PyTorch (`clip_grad_*_` before `step`), Keras, Optax chains that clip
    /// first.
    case beforeCoupledDecay = "before-decay"
}
