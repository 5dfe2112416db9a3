/// Counter-based uniform random numbers for stochastic rounding: the number for element `i` is
/// a hash of `(seed, step, i)`, so it is the same in every run and for every thread count.
///
/// ```
/// key = mix(seed ⊕ mix(step + φ))
/// u_i = (mix(key + (i + 1) · φ) >> 40) · 2⁻²⁴       in [0, 1)
/// ```
///
/// with φ = 0x9E3779B97F4A7C15 and `mix` SplitMix64's finalizer.
struct QuantizationNoise {
    /// The per-(seed, step) key.
    let key: UInt64

    init(seed: UInt64, step: UInt64) {
        key = Self.mix(seed ^ Self.mix(step &+ Self.golden))
    }

    /// The uniform number in [0, 1) for element `index`, a multiple of 2⁻²⁴.
    func uniform(at index: Int) -> Float {
        let bits = Self.mix(key &+ (UInt64(truncatingIfNeeded: index) &+ 1) &* Self.golden)
        return Float(bits >> 40) * 0x1p-24
    }

    private static let golden: UInt64 = 0x9E37_79B9_7F4A_7C15

    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
