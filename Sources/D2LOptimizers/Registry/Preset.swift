/// A framework whose optimizer defaults and semantics can be reproduced by name.
///
/// A preset sets the defaults and conventions of every option not given explicitly; the
/// learning rate is never taken from a preset, so a preset run stays comparable with the
/// section's.
///
/// | preset | γ | ε (placement) | momentum buffer | start of `s` | other |
/// |---|---|---|---|---|---|
/// | `book` | 0.9 | 10⁻⁶ (inside) | lr outside | 0 | clipping after coupled decay |
/// | `pytorch` | 0.99 | 10⁻⁸ (outside) | lr outside | 0 | clips the raw gradient; `clip_grad_norm_` |
/// | `mxnet` | 0.9 | 10⁻⁸ (inside) | lr inside, only when centred (γ₂ = 0.9) | 0 | hyperparameters read as MXNet reads them |
/// | `keras` | 0.9 | 10⁻⁷ (inside) | lr inside | 0 | decoupled weight decay; `Float` schedules |
/// | `optax` | 0.9 | 10⁻⁸ (inside) | lr inside | 0 | `clip_by_global_norm` |
/// | `tensorflow1` | 0.9 | 10⁻¹⁰ (inside) | lr inside | 1 | `s + (g² − s)(1 − γ)`; `Float` hyperparameters |
///
/// Schedules (``ScheduledLearningRate``) follow the framework too. With `k` the number of steps
/// already taken (0 for the first update), `W` the warm-up length and `S` the schedule:
///
/// | preset | step/multistep/exponential | cosine | warm-up (k < W) | after warm-up |
/// |---|---|---|---|---|
/// | `book` | `S(k)`, milestones reached when `k ≥ m` | clamped at `T` | `S(k) · (k + 1) / W` | `S(k)` |
/// | `pytorch` | as book | periodic (`CosineAnnealingLR` rises after `T`) | `η · (1/W + (1 − 1/W) · k/W)` | `S(k − W)` |
/// | `optax` | as book; step and exponential in `Float` | clamped | `η · k / W` (0 at the first step), `Float` | `S(k − W)`, `Float` |
/// | `keras`, `tensorflow1` | milestones reached when `k > m`; computed in `Float` | clamped, `Float` | `η · k / W`, `Float` | `S(k − W)` |
/// | `mxnet` | as book (`num_update = k + 1`) | `cos(π (k + 1 − W) / (T − W))`, `T` counts the warm-up | `η · (k + 1) / W` | `S(k)` |
///
/// Each framework's conventions, with the sources they come from, are in one file:
/// `Frameworks/Preset+PyTorch.swift` and its siblings.
public enum Preset: String, Sendable, Codable, CaseIterable {
    /// The section's rules: RMSProp from scratch (γ = 0.9, ε = 10⁻⁶ inside the square root);
    /// where the section has no rule, the project's convention: momentum with the learning
    /// rate outside the buffer, schedules as in the table above.
    case book
    /// PyTorch `torch.optim.RMSprop` with `nn.utils.clip_grad_*_` and `lr_scheduler`.
    case pytorch
    /// MXNet 1.x / Gluon (`rmsprop_update`, `rmspropalex_update`, `sgd_mom_update`): momentum
    /// (γ₂) only when centred; hyperparameters as `Float`, parsed from Python's text.
    case mxnet
    /// Keras 3 `keras.optimizers.RMSprop` (`weight_decay` decoupled, `clipvalue`,
    /// `global_clipnorm`, `LearningRateSchedule`s).
    case keras
    /// Optax `optax.rmsprop` and the transformations chained with it.
    case optax
    /// TensorFlow 1 `tf.compat.v1.train.RMSPropOptimizer`.
    case tensorflow1

    /// How this framework's hyperparameters reach the arithmetic.
    public var precision: HyperparameterPrecision { conventions.precision }

    /// Whether this framework clips before or after adding coupled weight decay.
    public var clippingOrder: ClippingOrder { conventions.clippingOrder }

    /// This framework's clipping by global norm.
    public var globalNormFormula: GlobalNormClipping.Formula { conventions.globalNormFormula }

    /// What `weight_decay` means in this framework.
    public var weightDecayMode: WeightDecayMode { conventions.weightDecayMode }

    /// Where the learning rate sits relative to a momentum buffer.
    public var momentumStyle: MomentumStyle { conventions.momentumStyle }

    /// RMSProp with this framework's defaults and base learning rate `learningRate`.
    public func rmsprop(learningRate: Double) -> RMSProp {
        var rmsprop = RMSProp(momentumStyle: momentumStyle, options: commonOptions(learningRate: learningRate))
        conventions.setDefaults(of: &rmsprop)
        return rmsprop
    }

    /// The options every optimizer takes, with this framework's conventions.
    public func commonOptions(learningRate: Double) -> CommonOptions {
        conventions.commonOptions(learningRate: learningRate, preset: self)
    }
}
