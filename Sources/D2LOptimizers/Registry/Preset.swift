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
public enum Preset: String, Sendable, Codable, CaseIterable {
    /// The book's from-scratch conventions: γ = 0.9, ε = 10⁻⁶ inside the square root; momentum
    /// as PyTorch (learning rate outside the buffer).
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

    /// How this framework counts schedule steps.
    public var scheduleConvention: ScheduleConvention {
        switch self {
        case .book: .book
        case .pytorch: .pytorch
        case .mxnet: .mxnet
        case .keras: .keras
        case .optax: .optax
        case .tensorflow1: .tensorflow1
        }
    }

    /// How this framework's hyperparameters reach the arithmetic.
    public var precision: HyperparameterPrecision {
        switch self {
        case .mxnet: .mxnet
        case .tensorflow1: .float32
        default: .native
        }
    }

    /// Whether this framework clips before or after adding coupled weight decay.
    public var clippingOrder: ClippingOrder {
        switch self {
        case .book, .mxnet: .afterCoupledDecay
        default: .beforeCoupledDecay
        }
    }

    /// This framework's clipping by global norm.
    public var globalNormFormula: GlobalNormClipping.Formula {
        switch self {
        case .book, .pytorch, .mxnet: .pytorch
        case .optax: .exact
        case .keras, .tensorflow1: .tensorflow
        }
    }

    /// What `weight_decay` means in this framework.
    public var weightDecayMode: WeightDecayMode {
        self == .keras ? .decoupled : .coupled
    }

    /// Where the learning rate sits relative to a momentum buffer.
    public var momentumStyle: MomentumStyle {
        switch self {
        case .book, .pytorch: .learningRateOutsideBuffer
        default: .learningRateInsideBuffer
        }
    }

    /// RMSProp's defaults in this framework (learning rate excluded).
    public func rmsprop(learningRate: Double) -> RMSProp {
        let options = commonOptions(learningRate: learningRate)
        switch self {
        case .book:
            return RMSProp(learningRate: learningRate, options: options)
        case .pytorch:
            return RMSProp(
                decay: 0.99, epsilon: 1e-8, epsilonPlacement: .outsideSquareRoot, momentumStyle: momentumStyle, lerpMean: true,
                options: options
            )
        case .mxnet, .optax:
            return RMSProp(decay: 0.9, epsilon: 1e-8, momentumStyle: momentumStyle, options: options)
        case .keras:
            return RMSProp(decay: 0.9, epsilon: 1e-7, momentumStyle: momentumStyle, options: options)
        case .tensorflow1:
            return RMSProp(
                decay: 0.9, epsilon: 1e-10, momentumStyle: momentumStyle, incrementalAverage: true, initialAccumulator: 1,
                options: options
            )
        }
    }

    /// The options every optimizer takes, with this framework's conventions.
    public func commonOptions(learningRate: Double) -> CommonOptions {
        CommonOptions(
            learningRate: ScheduledLearningRate(learningRate, convention: scheduleConvention),
            weightDecayMode: weightDecayMode, precision: precision, clippingOrder: clippingOrder,
            clippingPrecision: self == .mxnet ? .mxnet : .native
        )
    }
}
