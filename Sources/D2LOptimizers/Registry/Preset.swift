/// A framework whose RMSProp defaults and semantics can be reproduced by name.
///
/// A preset sets the defaults and conventions of every option not given explicitly; the
/// learning rate is never taken from a preset, so a preset run stays comparable with the
/// section's.
public enum Preset: String, Sendable, Codable, CaseIterable {
    /// The book's from-scratch conventions: γ = 0.9, ε = 10⁻⁶ inside the square root; momentum
    /// as PyTorch (learning rate outside the buffer).
    case book
    /// MXNet 1.x / Gluon (`rmsprop_update`, `rmspropalex_update`, `sgd_mom_update`): ε = 10⁻⁸
    /// inside the square root, γ₁ = 0.9; momentum (γ₂, default 0.9) only when centred, with the
    /// learning rate inside the buffer; hyperparameters rounded to `Float`.
    case mxnet
}
