import D2LTensor

/// One RMSProp step for one element, with its structural choices as type parameters.
///
/// ```
/// s ← γ · s + (1 − γ) · g²                 (mean square; TensorFlow: s + (g² − s)(1 − γ))
/// m ← γ · m + (1 − γ) · g                  (centred only: mean gradient)
/// v ← c · s − (c · m)²   or   v ← c · s    (c = 1 / (1 − γᵗ) with bias correction, else 1)
/// u ← g / √(v + ε)       or   u ← g / (√v + ε)
/// p ← p − η · u                            (or through a momentum buffer, see MomentumForm)
/// ```
///
/// The book's rule is `RMSPropRule<_, InterpolatedAverage, EpsilonInsideSquareRoot, Uncentered,
/// NoMomentum>` with γ = 0.9, ε = 10⁻⁶. State slots: ``ElementState/first`` = `s`,
/// ``ElementState/second`` = `m` (centred), ``ElementState/third`` = momentum buffer.
public struct RMSPropRule<
    Scalar: TensorScalar, Average: AverageForm, Denominator: DenominatorForm,
    Centering: CenteringForm, Momentum: MomentumForm
>: ElementwiseRule {
    /// Learning rate η for this step.
    public var learningRate: Scalar
    /// Decay γ of the running averages.
    public var decay: Scalar
    /// `1 − γ`.
    public var oneMinusDecay: Scalar
    /// ε.
    public var epsilon: Scalar
    /// Momentum μ (unused without a momentum buffer).
    public var momentum: Scalar
    /// Bias-correction factor `c = 1 / (1 − γᵗ)`; 1 without bias correction.
    public var biasCorrection: Scalar

    /// A rule with this step's coefficients; `oneMinusDecay` defaults to `1 − decay` computed
    /// in `Scalar` (frameworks that compute it in `Double` first pass it rounded from there).
    @inlinable
    public init(
        learningRate: Scalar, decay: Scalar, oneMinusDecay: Scalar? = nil, epsilon: Scalar, momentum: Scalar = 0,
        biasCorrection: Scalar = 1
    ) {
        self.learningRate = learningRate
        self.decay = decay
        self.oneMinusDecay = oneMinusDecay ?? 1 - decay
        self.epsilon = epsilon
        self.momentum = momentum
        self.biasCorrection = biasCorrection
    }

    public static var slots: StateSlots {
        var slots: StateSlots = .first
        if Centering.isCentered { slots.insert(.second) }
        if Momentum.usesBuffer { slots.insert(.third) }
        return slots
    }

    @inlinable @inline(__always)
    public func update(_ parameter: inout Scalar, gradient g: Scalar, state: inout ElementState<Scalar>) {
        var v: Scalar
        if Centering.storesVariance {
            // Slot `first` holds v = s − m² itself: v ← γ · (v + (1 − γ) · (g − m)²).
            let deviation = g - state.second
            let variance = decay * (state.first + oneMinusDecay * (deviation * deviation))
            let m = Average.update(state.second, with: g, decay: decay, oneMinusDecay: oneMinusDecay)
            state.first = variance
            state.second = m
            let correctedMean = biasCorrection * m
            v = biasCorrection == 1 ? variance : biasCorrection * (variance + m * m) - correctedMean * correctedMean
        } else if Centering.isCentered {
            let s = Average.update(state.first, with: g * g, decay: decay, oneMinusDecay: oneMinusDecay)
            state.first = s
            v = biasCorrection * s
            let m = Centering.interpolatesMeanByLerp
                ? IncrementalAverage.update(state.second, with: g, decay: decay, oneMinusDecay: oneMinusDecay)
                : Average.update(state.second, with: g, decay: decay, oneMinusDecay: oneMinusDecay)
            state.second = m
            let correctedMean = biasCorrection * m
            v -= correctedMean * correctedMean
        } else {
            let s = Average.update(state.first, with: g * g, decay: decay, oneMinusDecay: oneMinusDecay)
            state.first = s
            v = biasCorrection * s
        }
        let u = g / Denominator.denominator(v, epsilon: epsilon)
        Momentum.apply(&parameter, step: u, learningRate: learningRate, momentum: momentum, buffer: &state.third)
    }

    public var updateDescription: UpdateDescription {
        if Centering.storesVariance {
            var operations = ["v ← γ·(v + (1 − γ)·(g − m)²)", Average.formula("m", with: "g")]
            operations.append("u ← g / \(Denominator.formula(biasCorrection == 1 ? "v" : "c·(v + m²) − (c·m)²"))")
            operations += Momentum.formulas(step: "u")
            var values = ["η = \(learningRate)", "γ = \(decay)", "1 − γ = \(oneMinusDecay)", "ε = \(epsilon)"]
            if Momentum.usesBuffer { values.append("μ = \(momentum)") }
            return UpdateDescription(operations: operations, values: values)
        }
        var operations = [Average.formula("s", with: "g²")]
        var v = biasCorrection == 1 ? "s" : "c·s"
        if Centering.isCentered {
            operations.append(Centering.interpolatesMeanByLerp
                ? IncrementalAverage.formula("m", with: "g") : Average.formula("m", with: "g"))
            v += biasCorrection == 1 ? " − m²" : " − (c·m)²"
        }
        if v != "s" {
            operations.append("v ← \(v)")
            v = "v"
        }
        operations.append("u ← g / \(Denominator.formula(v))")
        operations += Momentum.formulas(step: "u")
        var values = ["η = \(learningRate)", "γ = \(decay)", "1 − γ = \(oneMinusDecay)", "ε = \(epsilon)"]
        if Momentum.usesBuffer { values.append("μ = \(momentum)") }
        if biasCorrection != 1 { values.append("c = 1 / (1 − γᵗ) = \(biasCorrection)") }
        return UpdateDescription(operations: operations, values: values)
    }
}
