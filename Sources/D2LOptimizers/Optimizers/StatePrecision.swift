/// How an ``Optimizer`` stores its per-element state: in `Scalar` (the default), or as 8-bit
/// blockwise-quantized codes (Dettmers et al., "8-bit Optimizers via Block-wise Quantization",
/// 2021), as bitsandbytes' 8-bit optimizers do.
///
/// ```swift
/// var optimizer = try Optimizer<Float>(RMSProp(learningRate: 0.001), statePrecision: .eightBit())
/// try optimizer.step(&parameters, gradients: gradients)   // s held in about 1.016 bytes per element
/// ```
///
/// With ``eightBit(minimumSize:rounding:)``, every tensor with at least `minimumSize` elements
/// keeps each state slot as a ``QuantizedBuffer``-like pair of codes and absmax values, blocks of
/// 256 starting at the tensor's first element; smaller tensors (biases, norms) keep `Scalar`
/// state, as bitsandbytes does. Non-negative slots (the mean square of RMSProp, Adagrad's sum of
/// squares, Adam's second moment; see ``OptimizationAlgorithm/nonNegativeStateSlots``) use
/// ``DynamicQuantizationMap/unsigned``, signed ones (momentum, the centred mean gradient, Adam's
/// first moment) ``DynamicQuantizationMap/signed``. A step is one fused pass per block:
///
/// ```
/// s_i  = map[q_i] · absmax_b                     (every slot, into a block of scratch)
/// (p_i, s_i) ← the algorithm's rule, with the step's processing (clipping, weight decay, …)
/// (q, absmax_b) ← quantize(s)                    (by the rounding)
/// ```
///
/// Centred RMSProp keeps the variance `v = s − m²` itself in 8 bits (``CenteredVariance``):
/// `s` and `m` rounded apart would lose `v` wherever the gradient's mean dominates it.
///
/// Where 8-bit state fails (each case shown by a test): values of a block are kept relative to
/// its largest magnitude, with two to three significant digits and nothing below
/// 3.3·10⁻⁷ · absmax.
/// - Tiny gradients beside large ones in a block, with a tiny ε: their mean square rounds to 0,
///   so their step `g / √(s + ε)` grows to `g / √((1 − γ) g² + ε)` — with γ = 0.99 and
///   ε = 10⁻¹² about eight times the `Float`-state step.
/// - γ near 1: a step changes `s` by `(1 − γ)(g² − s)`; when that is below half the gap between
///   codes (0.35 % of absmax near the top of a block), nearest rounding puts `s` back where it
///   was, and it stalls (γ = 0.999 keeps TensorFlow 1's starting `s = 1` for ever). Stochastic
///   rounding (``StateRounding/stochastic(seed:)``) is unbiased and tracks `Float` state there.
///
/// Use `Scalar` state, or stochastic rounding for γ near 1, in those cases.
///
/// Elsewhere it tracks `Float` state: the section's regression ends within 1 % of the same
/// seed's loss, and the ReLU MLP of `d2l train --hidden` within 0.1 % at a learning rate of
/// 0.001. At 0.01 that MLP's training is chaotic — changing the learning rate by one part in
/// 10⁵ moves the final loss of a `Float`-state run by up to a quarter — so there an 8-bit run
/// and a `Float` run end in the same range of losses, not at the same loss.
public enum StatePrecision: Sendable, Hashable {
    /// State in the optimizer's scalar type.
    case float32
    /// 8-bit blockwise state for tensors of at least `minimumSize` elements (≥ 1; default
    /// 4,096, as bitsandbytes), rounded back to 8 bits by `rounding` after every step.
    case eightBit(minimumSize: Int = 4_096, rounding: StateRounding = .nearest)

    /// Whether a tensor of `elementCount` elements keeps 8-bit state.
    public func quantizes(elementCount: Int) -> Bool {
        guard case let .eightBit(minimumSize, _) = self else { return false }
        return elementCount >= minimumSize && elementCount > 0
    }

    /// The rounding of the 8-bit state (``StateRounding/nearest`` for `Scalar` state).
    var rounding: StateRounding {
        guard case let .eightBit(_, rounding) = self else { return .nearest }
        return rounding
    }

    /// Checks the threshold.
    func validate() throws(OptimizerError) {
        if case let .eightBit(minimumSize, _) = self, minimumSize < 1 {
            throw .outOfRange(name: "quantize minimum size", value: Double(minimumSize), valid: "an integer ≥ 1")
        }
    }
}

/// How 8-bit optimizer state is rounded back to codes after each step.
public enum StateRounding: Sendable, Hashable {
    /// The nearest code (``QuantizationRounding/nearest``).
    case nearest
    /// Stochastic rounding (``QuantizationRounding/stochastic(seed:step:)``): unbiased, with the
    /// random number of each element a hash of `seed`, the slot, the step and the element's
    /// index, so a run is reproducible and the same for any thread count.
    case stochastic(seed: UInt64)

    /// The codec's rounding for state slot `slot` at step `step`.
    func quantizationRounding(slot: Int, step: Int) -> QuantizationRounding {
        switch self {
        case .nearest: .nearest
        case let .stochastic(seed): .stochastic(seed: seed &+ UInt64(slot) &* 0xD1B5_4A32_D192_ED03, step: UInt64(step))
        }
    }
}
