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
public struct RMSProp: OptimizationAlgorithm, Equatable, Codable {
    public static let name = "rmsprop"

    public var options: CommonOptions
    /// Decay γ of the mean square, in [0, 1]. γ = 1 freezes `s` at its start value.
    public var decay: Double
    /// ε ≥ 0, added for numerical stability.
    public var epsilon: Double
    /// Where ε enters the denominator.
    public var epsilonPlacement: EpsilonPlacement
    /// Subtract the squared running mean of the gradient from the mean square.
    public var centered: Bool
    /// Momentum μ in [0, 1); 0 for none.
    public var momentum: Double
    /// Where the learning rate sits relative to the momentum buffer.
    public var momentumStyle: MomentumStyle
    /// Nesterov momentum (Optax `nesterov=True`); needs μ > 0.
    public var nesterov: Bool
    /// Update the averages in TensorFlow's form `s + (g² − s)(1 − γ)`.
    public var incrementalAverage: Bool
    /// Update the centred mean gradient as `m + (g − m)(1 − γ)` (PyTorch's `lerp_`).
    public var lerpMean: Bool
    /// The value `s` starts at (TensorFlow 1: 1; others: 0).
    public var initialAccumulator: Double
    /// Divide `s` (and `m`) by `1 − γᵗ` (Optax `bias_correction`).
    public var biasCorrection: Bool

    /// RMSProp with the given hyperparameters; the defaults are the book's.
    public init(
        learningRate: Double = 0.01, decay: Double = 0.9, epsilon: Double = 1e-6,
        epsilonPlacement: EpsilonPlacement = .insideSquareRoot, centered: Bool = false,
        momentum: Double = 0, momentumStyle: MomentumStyle = .learningRateOutsideBuffer,
        nesterov: Bool = false, incrementalAverage: Bool = false, lerpMean: Bool = false, initialAccumulator: Double = 0,
        biasCorrection: Bool = false, options: CommonOptions? = nil
    ) {
        self.options = options ?? CommonOptions(learningRate: ScheduledLearningRate(learningRate))
        self.decay = decay
        self.epsilon = epsilon
        self.epsilonPlacement = epsilonPlacement
        self.centered = centered
        self.momentum = momentum
        self.momentumStyle = momentumStyle
        self.nesterov = nesterov
        self.incrementalAverage = incrementalAverage
        self.lerpMean = lerpMean
        self.initialAccumulator = initialAccumulator
        self.biasCorrection = biasCorrection
    }

    public var hyperparameterSummary: String {
        var parts = [
            "gamma \(decay)", "eps \(epsilon) (\(epsilonPlacement.rawValue))", "centered \(centered)",
            "momentum \(momentum) (\(momentumStyle.rawValue))", "initial accumulator \(initialAccumulator)",
        ]
        if nesterov { parts.append("nesterov") }
        if incrementalAverage { parts.append("incremental average") }
        if biasCorrection { parts.append("bias correction") }
        return parts.joined(separator: ", ")
    }

    public var stateSlots: StateSlots {
        var slots: StateSlots = .first
        if centered { slots.insert(.second) }
        if momentum > 0 { slots.insert(.third) }
        return slots
    }

    public func initialStateValue(for slot: StateSlots) -> Double {
        slot == .first ? initialAccumulator : 0
    }

    public func validate() throws(OptimizerError) {
        try options.validate()
        try CommonOptions.require(decay, "gamma (decay)", valid: "a number in [0, 1]") { (0...1).contains($0) }
        try CommonOptions.require(epsilon, "eps", valid: "a finite number ≥ 0") { $0 >= 0 }
        try CommonOptions.require(momentum, "momentum", valid: "a number in [0, 1)") { $0 >= 0 && $0 < 1 }
        try CommonOptions.require(initialAccumulator, "initial accumulator", valid: "a finite number ≥ 0") { $0 >= 0 }
        if nesterov && momentum == 0 {
            throw .inapplicable(name: "nesterov", reason: "Nesterov momentum needs momentum > 0")
        }
        if biasCorrection && decay == 1 {
            throw .inapplicable(name: "bias correction", reason: "with gamma = 1 the correction 1 / (1 − γᵗ) divides by zero")
        }
    }

    public func resolved<Scalar: TensorScalar>(as _: Scalar.Type) -> any ResolvedAlgorithm<Scalar> {
        let precision = options.precision
        let decay: Scalar = precision.resolve(decay)
        return Resolved(
            configuration: self, decay: decay,
            // 1 − γ: computed in `Double` and rounded (PyTorch, Keras, Optax, the book's Python),
            // or in `Scalar` from the rounded γ (MXNet's and TensorFlow's kernels).
            oneMinusDecay: precision == .native ? precision.resolve(1 - self.decay) : 1 - decay,
            epsilon: precision.resolve(epsilon), momentum: precision.resolve(momentum)
        )
    }

    /// RMSProp with γ, 1 − γ, ε and μ in `Scalar`.
    struct Resolved<Scalar: TensorScalar>: ResolvedAlgorithm {
        let configuration: RMSProp
        let decay: Scalar
        let oneMinusDecay: Scalar
        let epsilon: Scalar
        let momentum: Scalar

        func step(
            _ context: StepContext<Scalar>, parameters: UnsafeMutableBufferPointer<Scalar>,
            gradients: UnsafeBufferPointer<Scalar>, state: StateBuffers<Scalar>
        ) {
            configuration.step(context, self, parameters: parameters, gradients: gradients, state: state)
        }
    }
}

extension RMSProp {
    /// Chooses the rule's forms from the options, outside the loop, and runs it.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    private func step<Scalar: TensorScalar>(
        _ context: StepContext<Scalar>, _ resolved: Resolved<Scalar>, parameters: UnsafeMutableBufferPointer<Scalar>,
        gradients: UnsafeBufferPointer<Scalar>, state: StateBuffers<Scalar>
    ) {
        if incrementalAverage {
            withDenominator(IncrementalAverage.self, context, resolved, parameters, gradients, state)
        } else {
            withDenominator(InterpolatedAverage.self, context, resolved, parameters, gradients, state)
        }
    }

    private func withDenominator<Scalar: TensorScalar, Average: AverageForm>(
        _: Average.Type, _ context: StepContext<Scalar>, _ resolved: Resolved<Scalar>, _ parameters: UnsafeMutableBufferPointer<Scalar>,
        _ gradients: UnsafeBufferPointer<Scalar>, _ state: StateBuffers<Scalar>
    ) {
        switch epsilonPlacement {
        case .insideSquareRoot:
            withCentering(Average.self, EpsilonInsideSquareRoot.self, context, resolved, parameters, gradients, state)
        case .outsideSquareRoot:
            withCentering(Average.self, EpsilonOutsideSquareRoot.self, context, resolved, parameters, gradients, state)
        }
    }

    private func withCentering<Scalar: TensorScalar, Average: AverageForm, Denominator: DenominatorForm>(
        _: Average.Type, _: Denominator.Type, _ context: StepContext<Scalar>, _ resolved: Resolved<Scalar>,
        _ parameters: UnsafeMutableBufferPointer<Scalar>, _ gradients: UnsafeBufferPointer<Scalar>,
        _ state: StateBuffers<Scalar>
    ) {
        if centered && lerpMean {
            withMomentum(Average.self, Denominator.self, CenteredByLerp.self, context, resolved, parameters, gradients, state)
        } else if centered {
            withMomentum(Average.self, Denominator.self, Centered.self, context, resolved, parameters, gradients, state)
        } else {
            withMomentum(Average.self, Denominator.self, Uncentered.self, context, resolved, parameters, gradients, state)
        }
    }

    private func withMomentum<
        Scalar: TensorScalar, Average: AverageForm, Denominator: DenominatorForm, Centering: CenteringForm
    >(
        _: Average.Type, _: Denominator.Type, _: Centering.Type, _ context: StepContext<Scalar>, _ resolved: Resolved<Scalar>,
        _ parameters: UnsafeMutableBufferPointer<Scalar>, _ gradients: UnsafeBufferPointer<Scalar>,
        _ state: StateBuffers<Scalar>
    ) {
        func run<Momentum: MomentumForm>(_: Momentum.Type) {
            let rule = RMSPropRule<Scalar, Average, Denominator, Centering, Momentum>(
                learningRate: context.learningRate, decay: resolved.decay, oneMinusDecay: resolved.oneMinusDecay,
                epsilon: resolved.epsilon, momentum: resolved.momentum, biasCorrection: biasCorrectionFactor(step: context.step)
            )
            context.run(rule, parameters: parameters, gradients: gradients, state: state)
        }
        switch (momentum > 0, nesterov, momentumStyle) {
        case (false, _, _): run(NoMomentum.self)
        case (true, true, _): run(NesterovMomentum.self)
        case (true, false, .learningRateInsideBuffer): run(MomentumInsideLearningRate.self)
        case (true, false, .learningRateOutsideBuffer): run(MomentumOutsideLearningRate.self)
        }
    }

    private func biasCorrectionFactor<Scalar: TensorScalar>(step: Int) -> Scalar {
        guard biasCorrection else { return 1 }
        let decay: Scalar = Scalar(decay)
        return 1 / (1 - Scalar.pow(decay, step + 1))
    }
}
