/// Options every optimizer takes: the learning rate and its schedule, weight decay, gradient
/// rescaling and clipping, weight clipping and maximisation.
///
/// They act around the optimizer's own rule in this order:
///
/// ```
/// g ← ±rescale · g                 (− when maximizing)
/// g ← g + λ · p                    (coupled weight decay; after clipping with
///                                   ClippingOrder.beforeCoupledDecay)
/// g ← clip(g, −c, c)               (clip by value)
/// g ← g · min(1, C / ‖g‖)          (clip by global norm, over all parameters)
/// p ← p − η · λ · p                (decoupled weight decay)
/// p ← rule(p, g)
/// p ← clip(p, −w, w)               (clip weights)
/// ```
public struct CommonOptions: Sendable, Codable, Equatable {
    /// The learning rate η, its schedule and warm-up.
    public var learningRate: ScheduledLearningRate
    /// Weight decay λ; 0 for none.
    public var weightDecay: Double
    /// Whether λ is L2 regularisation or decoupled decay.
    public var weightDecayMode: WeightDecayMode
    /// Factor on the raw gradient (MXNet `rescale_grad`).
    public var rescaleGradient: Double
    /// Elementwise gradient bound `c` (MXNet `clip_gradient`, Keras `clipvalue`); `nil` for none.
    public var clipGradient: Double?
    /// Clipping by global norm; `nil` for none.
    public var clipNorm: GlobalNormClipping?
    /// Bound `w` on every parameter after the step (MXNet `clip_weights`); `nil` for none.
    public var clipWeights: Double?
    /// Ascends the objective instead of descending it (PyTorch `maximize`).
    public var maximize: Bool
    /// Whether hyperparameters are rounded to `Float` first (MXNet, TensorFlow 1).
    public var precision: HyperparameterPrecision
    /// Whether clipping sees the gradient with or without coupled weight decay.
    public var clippingOrder: ClippingOrder
    /// How clipping bounds reach the arithmetic: MXNet reads them like its other operator
    /// arguments; elsewhere clipping is done outside the optimizer in the gradients' type.
    public var clippingPrecision: HyperparameterPrecision

    /// Options with the given values; the defaults change nothing but the learning rate.
    public init(
        learningRate: ScheduledLearningRate,
        weightDecay: Double = 0,
        weightDecayMode: WeightDecayMode = .coupled,
        rescaleGradient: Double = 1,
        clipGradient: Double? = nil,
        clipNorm: GlobalNormClipping? = nil,
        clipWeights: Double? = nil,
        maximize: Bool = false,
        precision: HyperparameterPrecision = .native,
        clippingOrder: ClippingOrder = .afterCoupledDecay,
        clippingPrecision: HyperparameterPrecision = .native
    ) {
        self.learningRate = learningRate
        self.weightDecay = weightDecay
        self.weightDecayMode = weightDecayMode
        self.rescaleGradient = rescaleGradient
        self.clipGradient = clipGradient
        self.clipNorm = clipNorm
        self.clipWeights = clipWeights
        self.maximize = maximize
        self.precision = precision
        self.clippingOrder = clippingOrder
        self.clippingPrecision = clippingPrecision
    }

    /// Checks every value against its valid range.
    public func validate() throws(OptimizerError) {
        try learningRate.validate()
        try Self.require(weightDecay, "weight decay", valid: "a finite number ≥ 0") { $0 >= 0 }
        try Self.require(rescaleGradient, "gradient rescale", valid: "a finite number") { _ in true }
        if let clipGradient {
            try Self.require(clipGradient, "gradient clipping bound", valid: "a finite number > 0") { $0 > 0 }
        }
        if let clipNorm {
            try Self.require(clipNorm.maximum, "global norm bound", valid: "a finite number > 0") { $0 > 0 }
        }
        if let clipWeights {
            try Self.require(clipWeights, "weight clipping bound", valid: "a finite number > 0") { $0 > 0 }
        }
    }

    /// Throws ``OptimizerError/outOfRange(name:value:valid:)`` unless `value` is finite and
    /// satisfies `condition`.
    static func require(
        _ value: Double, _ name: String, valid: String, _ condition: (Double) -> Bool
    ) throws(OptimizerError) {
        guard value.isFinite, condition(value) else { throw .outOfRange(name: name, value: value, valid: valid) }
    }
}
