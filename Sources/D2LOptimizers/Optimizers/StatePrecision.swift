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
/// Where 8-bit state fails: values of a block are kept relative to its largest magnitude, with
/// about two significant digits and nothing below 3.3·10⁻⁷ · absmax. A mean square far below
/// ε-scale (tiny gradients with a tiny ε) or a decay γ so close to 1 that `(1 − γ) · g²` is
/// below half a code gap of `γ · s` loses the update: the state then stops moving or becomes 0,
/// and `g / √(s + ε)` grows. Use `Scalar` state there.
public enum StatePrecision: Sendable, Hashable {
    /// State in the optimizer's scalar type.
    case float32
    /// 8-bit blockwise state for tensors of at least `minimumSize` elements (≥ 1; default
    /// 4,096, as bitsandbytes), rounded back to 8 bits by `rounding` after every step.
    case eightBit(minimumSize: Int = 4_096, rounding: StateRounding = .nearest)

    /// Whether a tensor of `elementCount` elements keeps 8-bit state.
    func quantizes(elementCount: Int) -> Bool {
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
