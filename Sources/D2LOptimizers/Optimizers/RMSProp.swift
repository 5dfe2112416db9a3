import D2LTensor

/// RMSProp (Tieleman and Hinton, 2012) with every variant the major frameworks offer.
///
/// ```
/// s ← γ · s + (1 − γ) · g²
/// p ← p − η · g / √(s + ε)
/// ```
/// is the book's rule (γ = 0.9, ε = 10⁻⁶, the defaults here). The options select the variants:
/// ε outside the square root (PyTorch), a centred mean square `s − m²` (Graves), momentum with
/// the learning rate inside or outside the buffer, Nesterov momentum (Optax), TensorFlow's
/// incremental form of the average, a starting value for `s` (TensorFlow 1 uses 1), and Optax's
/// bias correction `s / (1 − γᵗ)`; see ``RMSPropRule`` for the formulas and ``CommonOptions``
/// for weight decay, clipping and schedules.
///
/// ```swift
/// var optimizer = try Optimizer<Float>(RMSProp(learningRate: 0.01, decay: 0.9))
/// try optimizer.step(&parameters, gradients: gradients)
/// ```
public struct RMSProp: OptimizationAlgorithm, Equatable, CustomStringConvertible {
    public static let name = "rmsprop"

    /// How the running averages take in a new value: the kernel's ``AverageForm``.
    public enum Averaging: String, Sendable, Codable, CaseIterable {
        /// `a ← γ · a + (1 − γ) · x` (``InterpolatedAverage``): the book, PyTorch, MXNet,
        /// Keras, Optax.
        case interpolated
        /// `a ← a + (x − a) · (1 − γ)` (``IncrementalAverage``): TensorFlow's fused kernels.
        case incremental
    }

    /// Whether and how the mean square is centred: the kernel's ``CenteringForm``.
    public enum Centering: String, Sendable, Codable, CaseIterable {
        /// `v = s` (``Uncentered``).
        case uncentered
        /// `v = s − m²`, `m` updated in the same form as `s` (``Centered``): Graves, MXNet,
        /// Keras, Optax, TensorFlow.
        case centered
        /// `v = s − m²` with `m ← m + (g − m)(1 − γ)` (``CenteredByLerp``): PyTorch's `lerp_`.
        case centeredByLerp
    }

    public var options: CommonOptions
    /// Decay γ of the mean square, in [0, 1]. γ = 1 freezes `s` at its start value.
    public var decay: Double
    /// ε ≥ 0, added for numerical stability.
    public var epsilon: Double
    /// Where ε enters the denominator: the kernel's ``DenominatorForm``.
    public var epsilonPlacement: EpsilonPlacement
    /// How the running averages are updated.
    public var averaging: Averaging
    /// Whether the squared running mean of the gradient is subtracted from the mean square.
    public var centering: Centering
    /// Momentum μ in [0, 1); 0 for none.
    public var momentum: Double
    /// How a momentum buffer moves the parameter (with ``MomentumStyle/nesterov``, Optax's
    /// Nesterov momentum): the kernel's ``MomentumForm``. Unused when μ = 0.
    public var momentumStyle: MomentumStyle
    /// The value `s` starts at (TensorFlow 1: 1; others: 0).
    public var initialAccumulator: Double
    /// Divide `s` (and `m`) by `1 − γᵗ` (Optax `bias_correction`).
    public var biasCorrection: Bool

    /// RMSProp with the given hyperparameters; the defaults are the book's.
    public init(
        learningRate: Double = 0.01, decay: Double = 0.9, epsilon: Double = 1e-6,
        epsilonPlacement: EpsilonPlacement = .insideSquareRoot, averaging: Averaging = .interpolated,
        centering: Centering = .uncentered, momentum: Double = 0, momentumStyle: MomentumStyle = .learningRateOutsideBuffer,
        initialAccumulator: Double = 0, biasCorrection: Bool = false, options: CommonOptions? = nil
    ) {
        self.options = options ?? CommonOptions(learningRate: ScheduledLearningRate(learningRate))
        self.decay = decay
        self.epsilon = epsilon
        self.epsilonPlacement = epsilonPlacement
        self.averaging = averaging
        self.centering = centering
        self.momentum = momentum
        self.momentumStyle = momentumStyle
        self.initialAccumulator = initialAccumulator
        self.biasCorrection = biasCorrection
    }

    public var hyperparameterSummary: String {
        var parts = [
            "gamma \(decay)", "eps \(epsilon) (\(epsilonPlacement.rawValue))", "centered \(centering != .uncentered)" + (centering == .centeredByLerp ? " (mean by lerp)" : ""),
            "momentum \(momentum) (\(momentumStyle.rawValue))", "initial accumulator \(initialAccumulator)",
        ]
        if averaging == .incremental { parts.append("incremental average") }
        if biasCorrection { parts.append("bias correction") }
        return parts.joined(separator: ", ")
    }

    public var stateSlots: StateSlots {
        var slots: StateSlots = .first
        if centering != .uncentered { slots.insert(.second) }
        if momentum > 0 { slots.insert(.third) }
        return slots
    }

    /// The mean square `s`; the mean gradient `m` and the momentum buffer are signed.
    public var nonNegativeStateSlots: StateSlots { .first }

    public func initialStateValue(for slot: StateSlots) -> Double {
        slot == .first ? initialAccumulator : 0
    }

    public func validate() throws(OptimizerError) {
        try options.validate()
        try CommonOptions.require(decay, "gamma (decay)", valid: "a number in [0, 1]") { (0...1).contains($0) }
        try CommonOptions.require(epsilon, "eps", valid: "a finite number ≥ 0") { $0 >= 0 }
        try CommonOptions.require(momentum, "momentum", valid: "a number in [0, 1)") { $0 >= 0 && $0 < 1 }
        try CommonOptions.require(initialAccumulator, "initial accumulator", valid: "a finite number ≥ 0") { $0 >= 0 }
        if momentumStyle == .nesterov && momentum == 0 {
            throw .inapplicable(name: "nesterov", reason: "Nesterov momentum needs momentum > 0")
        }
        if biasCorrection && decay == 1 {
            throw .inapplicable(name: "bias correction", reason: "with gamma = 1 the correction 1 / (1 − γᵗ) divides by zero")
        }
    }

    public func resolved<Scalar: TensorScalar>(as _: Scalar.Type) -> any ResolvedAlgorithm {
        let precision = options.precision
        let decay: Scalar = precision.resolve(decay)
        // 1 − γ: computed in `Double` and rounded (PyTorch, Keras, Optax, the book's Python), or
        // in `Scalar` from the rounded γ (MXNet's and TensorFlow's kernels).
        let oneMinusDecay: Scalar = precision == .native ? precision.resolve(1 - self.decay) : 1 - decay
        return Resolved(
            configuration: self, decay: Double(decay), oneMinusDecay: Double(oneMinusDecay),
            epsilon: Double(precision.resolve(epsilon, as: Scalar.self)), momentum: Double(precision.resolve(momentum, as: Scalar.self))
        )
    }

    /// RMSProp with γ, 1 − γ, ε and μ as `Scalar` holds them (kept as `Double`s, which hold
    /// every `Float` and `Double` exactly).
    public struct Resolved: ResolvedAlgorithm {
        let configuration: RMSProp
        let decay: Double
        let oneMinusDecay: Double
        let epsilon: Double
        let momentum: Double

        @_specialize(where Scalar == Float)
        @_specialize(where Scalar == Double)
        public func step<Scalar: TensorScalar>(
            _ context: StepContext<Scalar>, parameters: UnsafeMutableBufferPointer<Scalar>,
            gradients: UnsafeBufferPointer<Scalar>, state: StateBuffers<Scalar>
        ) {
            runKernel(context, parameters: parameters, gradients: gradients, state: state)
        }

        public func withRule<Visitor: RuleVisitor>(_ context: StepContext<Visitor.Scalar>, _ visitor: Visitor) -> Visitor.Result {
            configuration.withRule(context, self, visitor)
        }
    }
}

extension RMSProp {
    /// Chooses the rule's forms from the options, outside the loop, and runs it.
    private func withRule<Scalar: TensorScalar, Visitor: RuleVisitor>(
        _ context: StepContext<Scalar>, _ resolved: Resolved, _ visitor: Visitor
    ) -> Visitor.Result where Visitor.Scalar == Scalar {
        switch averaging {
        case .incremental:
            return withDenominator(IncrementalAverage.self, context, resolved, visitor)
        case .interpolated:
            return withDenominator(InterpolatedAverage.self, context, resolved, visitor)
        }
    }

    private func withDenominator<Scalar: TensorScalar, Average: AverageForm, Visitor: RuleVisitor>(
        _: Average.Type, _ context: StepContext<Scalar>, _ resolved: Resolved, _ visitor: Visitor
    ) -> Visitor.Result where Visitor.Scalar == Scalar {
        switch epsilonPlacement {
        case .insideSquareRoot:
            return withCentering(Average.self, EpsilonInsideSquareRoot.self, context, resolved, visitor)
        case .outsideSquareRoot:
            return withCentering(Average.self, EpsilonOutsideSquareRoot.self, context, resolved, visitor)
        }
    }

    private func withCentering<Scalar: TensorScalar, Average: AverageForm, Denominator: DenominatorForm, Visitor: RuleVisitor>(
        _: Average.Type, _: Denominator.Type, _ context: StepContext<Scalar>, _ resolved: Resolved,
        _ visitor: Visitor
    ) -> Visitor.Result where Visitor.Scalar == Scalar {
        switch centering {
        case .centered where context.stateIsQuantized, .centeredByLerp where context.stateIsQuantized:
            return withMomentum(Average.self, Denominator.self, CenteredVariance.self, context, resolved, visitor)
        case .uncentered:
            return withMomentum(Average.self, Denominator.self, Uncentered.self, context, resolved, visitor)
        case .centered:
            return withMomentum(Average.self, Denominator.self, Centered.self, context, resolved, visitor)
        case .centeredByLerp:
            return withMomentum(Average.self, Denominator.self, CenteredByLerp.self, context, resolved, visitor)
        }
    }

    private func withMomentum<
        Scalar: TensorScalar, Average: AverageForm, Denominator: DenominatorForm, Centering: CenteringForm, Visitor: RuleVisitor
    >(
        _: Average.Type, _: Denominator.Type, _: Centering.Type, _ context: StepContext<Scalar>, _ resolved: Resolved,
        _ visitor: Visitor
    ) -> Visitor.Result where Visitor.Scalar == Scalar {
        func run<Momentum: MomentumForm>(_: Momentum.Type) -> Visitor.Result {
            visitor.visit(RMSPropRule<Scalar, Average, Denominator, Centering, Momentum>(
                learningRate: context.learningRate, decay: Scalar(resolved.decay), oneMinusDecay: Scalar(resolved.oneMinusDecay),
                epsilon: Scalar(resolved.epsilon), momentum: Scalar(resolved.momentum), biasCorrection: biasCorrectionFactor(step: context.step)
            ))
        }
        switch (momentum > 0, momentumStyle) {
        case (false, _): return run(NoMomentum.self)
        case (true, .nesterov): return run(NesterovMomentum.self)
        case (true, .learningRateInsideBuffer): return run(MomentumInsideLearningRate.self)
        case (true, .learningRateOutsideBuffer): return run(MomentumOutsideLearningRate.self)
        }
    }

    private func biasCorrectionFactor<Scalar: TensorScalar>(step: Int) -> Scalar {
        guard biasCorrection else { return 1 }
        let decay: Scalar = Scalar(decay)
        return 1 / (1 - Scalar.pow(decay, step + 1))
    }
}
