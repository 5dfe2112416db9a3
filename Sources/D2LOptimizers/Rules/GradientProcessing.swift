import D2LTensor

/// What happens to a gradient before an update rule sees it:
///
/// ```
/// g ← clip(rescale · g + λ₁ · p, −c, c) · globalScale + λ₂ · p
/// ```
///
/// `rescale` carries MXNet's `rescale_grad` and PyTorch's `maximize` (as a sign); coupled (L2)
/// weight decay λ enters before clipping (`λ₁ = λ`, MXNet) or after it (`λ₂ = λ`: PyTorch,
/// Keras and Optax clip the raw gradient); `c` is the elementwise clipping bound and
/// `globalScale` the factor clipping by global norm chose for this step. Neutral values
/// (1, 0, ∞, 1, 0) leave the gradient bit for bit unchanged.
public struct GradientProcessing<Scalar: TensorScalar>: Sendable, Equatable {
    /// Factor applied to the raw gradient; negative to maximize.
    public var rescale: Scalar
    /// Coupled weight decay added before clipping, λ₁.
    public var decayBeforeClipping: Scalar
    /// Elementwise clipping bound `c`; `.infinity` disables clipping.
    public var clipBound: Scalar
    /// Factor from clipping by global norm; 1 when the norm is within bounds.
    public var globalScale: Scalar
    /// Coupled weight decay added after clipping, λ₂.
    public var decayAfterClipping: Scalar

    /// Gradient processing with the given values; the defaults change nothing.
    @inlinable
    public init(
        rescale: Scalar = 1, decayBeforeClipping: Scalar = 0, clipBound: Scalar = .infinity, globalScale: Scalar = 1,
        decayAfterClipping: Scalar = 0
    ) {
        self.rescale = rescale
        self.decayBeforeClipping = decayBeforeClipping
        self.clipBound = clipBound
        self.globalScale = globalScale
        self.decayAfterClipping = decayAfterClipping
    }

    /// The gradient after rescaling, decay before clipping and clipping by value: the quantity
    /// whose global norm clipping by norm measures.
    @inlinable @inline(__always)
    public func clipped(_ gradient: Scalar, parameter: Scalar) -> Scalar {
        let decayed = rescale * gradient + decayBeforeClipping * parameter
        return Swift.min(Swift.max(decayed, -clipBound), clipBound)
    }

    /// The processed gradient for parameter value `parameter`.
    @inlinable @inline(__always)
    public func callAsFunction(_ gradient: Scalar, parameter: Scalar) -> Scalar {
        clipped(gradient, parameter: parameter) * globalScale + decayAfterClipping * parameter
    }
}

/// What happens to a parameter around an update rule: decoupled weight decay, applied to the
/// parameter before the rule's step, and weight clipping after it.
///
/// ```
/// p ← p − (η · λ_d) · p        (decoupled decay, AdamW-style, on the old value)
/// p ← rule(p, g)
/// p ← clip(p, −w, w)
/// ```
public struct ParameterProcessing<Scalar: TensorScalar>: Sendable, Equatable {
    /// The product of learning rate and decoupled weight decay, `η · λ_d`.
    public var decoupledDecay: Scalar
    /// The bound `w` on every parameter; `.infinity` disables weight clipping.
    public var weightBound: Scalar

    /// Parameter processing with the given values; the defaults change nothing.
    @inlinable
    public init(decoupledDecay: Scalar = 0, weightBound: Scalar = .infinity) {
        self.decoupledDecay = decoupledDecay
        self.weightBound = weightBound
    }
}

/// An update rule wrapped in gradient and parameter processing: the complete per-element step
/// of an optimizer with every option applied, still one pass over memory.
public struct ProcessedRule<Inner: ElementwiseRule>: ElementwiseRule {
    public typealias Scalar = Inner.Scalar
    /// Applied to the gradient first.
    public var gradientProcessing: GradientProcessing<Scalar>
    /// The optimizer's own rule.
    public var inner: Inner
    /// Applied to the parameter around the rule.
    public var parameterProcessing: ParameterProcessing<Scalar>

    /// Wraps `inner`.
    @inlinable
    public init(
        _ inner: Inner,
        gradientProcessing: GradientProcessing<Scalar> = .init(),
        parameterProcessing: ParameterProcessing<Scalar> = .init()
    ) {
        self.inner = inner
        self.gradientProcessing = gradientProcessing
        self.parameterProcessing = parameterProcessing
    }

    public static var slots: StateSlots { Inner.slots }

    @inlinable @inline(__always)
    public func update(_ parameter: inout Scalar, gradient: Scalar, state: inout ElementState<Scalar>) {
        let processed = gradientProcessing(gradient, parameter: parameter)
        parameter -= parameterProcessing.decoupledDecay * parameter
        inner.update(&parameter, gradient: processed, state: &state)
        let bound = parameterProcessing.weightBound
        parameter = Swift.min(Swift.max(parameter, -bound), bound)
    }
}

extension ProcessedRule {
    /// The whole per-element step written out in the order ``update(_:gradient:state:)``
    /// computes it: gradient processing, decoupled weight decay on the old parameter, the
    /// rule, weight clipping. Neutral steps are left out; `globalNorm` names the clipping by
    /// global norm whose factor this step multiplies in (it depends on all gradients).
    func updateDescription(globalNorm: GlobalNormClipping?) -> UpdateDescription {
        let gradient = gradientProcessing
        var operations: [String] = []
        var values: [String] = []
        if gradient.rescale == -1 {
            operations.append("g ← −g (maximize)")
        } else if gradient.rescale != 1 {
            operations.append("g ← r·g")
            values.append("r = \(gradient.rescale)")
        }
        if gradient.decayBeforeClipping != 0 {
            operations.append("g ← g + λ·p (coupled weight decay)")
            values.append("λ = \(gradient.decayBeforeClipping)")
        }
        if gradient.clipBound.isFinite {
            operations.append("g ← clip(g, −C, C)")
            values.append("C = \(gradient.clipBound)")
        }
        if let globalNorm {
            let factor = switch globalNorm.formula {
            case .pytorch: "min(1, N / (‖g‖ + 1e-6))"
            case .exact: "N / ‖g‖ if ‖g‖ > N, else 1"
            case .tensorflow: "N · min(1 / ‖g‖, 1 / N)"
            }
            operations.append("g ← g·k, k = \(factor), ‖g‖ the norm of all gradients after the steps above")
            values.append("N = \(globalNorm.maximum)")
        }
        if gradient.decayAfterClipping != 0 {
            operations.append("g ← g + λ·p (coupled weight decay)")
            values.append("λ = \(gradient.decayAfterClipping)")
        }
        if parameterProcessing.decoupledDecay != 0 {
            operations.append("p ← p − (η·λ)·p (decoupled weight decay, on the old p)")
            values.append("η·λ = \(parameterProcessing.decoupledDecay)")
        }
        var description = UpdateDescription(operations: operations, values: values).followed(by: inner.updateDescription)
        if parameterProcessing.weightBound.isFinite {
            description.operations.append("p ← clip(p, −W, W)")
            description.values.append("W = \(parameterProcessing.weightBound)")
        }
        return description
    }
}
