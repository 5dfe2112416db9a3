/// What a backward pass does with the gradients a previous one left: MXNet's `grad_req`.
public enum GradientMode: Sendable, Equatable {
    /// Each ``GradientTape/backward(from:)`` replaces the gradients (MXNet's default
    /// `grad_req='write'`): `∂L₂/∂w` after two passes.
    case write
    /// The gradients of parameters add up over backward passes of one recording (MXNet's
    /// `grad_req='add'`): `∂L₁/∂w + ∂L₂/∂w` after two passes, until
    /// ``GradientTape/zeroGradients()`` or ``GradientTape/reset()``.
    case add
}
