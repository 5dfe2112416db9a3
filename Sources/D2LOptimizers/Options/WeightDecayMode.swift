/// How weight decay λ acts on a parameter `p`.
public enum WeightDecayMode: String, Sendable, Codable, CaseIterable {
    /// L2 regularisation: `g ← g + λ · p` before the rule (PyTorch `weight_decay`, MXNet `wd`).
    case coupled
    /// Decoupled decay: `p ← p − η · λ · p` beside the rule (AdamW, Keras `weight_decay`).
    case decoupled
}
