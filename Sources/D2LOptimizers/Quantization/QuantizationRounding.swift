/// How a value normalized by its block's absmax, `v = x · (1 / absmax)` clamped to [−1, 1],
/// becomes an 8-bit code `q` of a ``DynamicQuantizationMap``.
public enum QuantizationRounding: Sendable, Hashable {
    /// bitsandbytes' CPU rule, bit for bit: `v` is rounded to the nearest of 65,536 evenly spaced
    /// points `g_k` on [−1, 1], and `q` is the code nearest to that point (a tie to the lower code):
    ///
    /// ```
    /// k = trunc(fma((v + 1) · 0.5, 65535, 0.5)),   q = argmin_q |map[q] − g_k|
    /// ```
    ///
    /// Close to zero the grid is coarser than the map: a |v| below about 1.5e−5 takes the code
    /// nearest to ±1.53e−5 (0 takes the positive one), so a tiny value comes back larger than it
    /// was, and a block's zeros come back as about 1.5e−5 · absmax.
    case bitsandbytes

    /// The code nearest to `v` itself, a tie to the lower code:
    ///
    /// ```
    /// q = argmin_q |map[q] − v|
    /// ```
    ///
    /// The error is at most half the gap between the two codes around `v`, times absmax.
    case nearest

    /// Stochastic rounding between the two codes around `v`, `map[q] ≤ v < map[q + 1]`:
    ///
    /// ```
    /// q + 1 with probability p = (v − map[q]) / (map[q + 1] − map[q]),  else q
    /// ```
    ///
    /// so the dequantized value equals `v · absmax` on average (E[map[q]] = v). The random
    /// number for the element with index `i` of a buffer is a hash of `(seed, step, i)`: the
    /// codes are reproducible and do not depend on how many threads quantize the buffer. Give
    /// each optimizer step its own `step` so that every step draws fresh numbers.
    case stochastic(seed: UInt64, step: UInt64)
}
