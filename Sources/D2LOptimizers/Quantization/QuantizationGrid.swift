/// The uniform grid of 65,536 points on [−1, 1] through which bitsandbytes' CPU kernel picks a
/// code: a normalized value is rounded to the nearest grid point, and the code is the one
/// nearest to that point, read from a table.
///
/// ```
/// g_k  = (2k) / 65535 − 1                                  k = 0 … 65535 (Float)
/// k(v) = trunc(fma((v + 1) · 0.5, 65535, 0.5))             v in [−1, 1]; NaN gives k = 0
/// lookup[k] = #{ j : m_j < g_k },  m_j = (map[j] + map[j+1]) · 0.5
/// ```
///
/// so `lookup[k]` is the code nearest to `g_k`, a tie going to the lower code. The grid's
/// spacing, 2/65535 ≈ 3.05e−5, is coarser than the maps' smallest gaps (3.3e−7 near zero):
/// below |v| ≈ 1.5e−5 several codes are never chosen, and v = 0 becomes the code nearest to
/// g_32768 ≈ 1.53e−5 (the unsigned map's code 7, 1.5625e−5; the signed map's code 131, 2.125e−5).
enum QuantizationGrid {
    /// The number of grid points.
    static let pointCount = 65_536

    /// The grid point `g_k`, rounded as bitsandbytes rounds it.
    static func point(_ k: Int) -> Float {
        (2 * Float(k)) / Float(pointCount - 1) - 1
    }

    /// The grid index of the normalized value `v`, after clamping it to [−1, 1]; 0 for NaN.
    ///
    /// The fused multiply-add is computed without one: `t · 65535 + 0.5` is exact in `Double`
    /// (a 24-bit by 16-bit product), so rounding it once to `Float` gives the fused result, on
    /// any processor and without a call to `fmaf` where the compiler may not assume FMA.
    static func index(of v: Float) -> Int {
        let clamped = v < -1 ? -1 : (1 < v ? 1 : v)
        let scaled = Float(Double((clamped + 1) * 0.5) * Double(pointCount - 1) + 0.5)
        return scaled >= 0 ? Int(scaled) : 0
    }

    /// The code nearest to each grid point for the ascending map `values`.
    static func lookupTable(for values: [Float]) -> [UInt8] {
        let midpoints = (0..<(values.count - 1)).map { 0.5 * (values[$0] + values[$0 + 1]) }
        var table = [UInt8](repeating: 0, count: pointCount)
        var code = 0
        for k in 0..<pointCount {
            let g = point(k)
            while code < midpoints.count, midpoints[code] < g { code += 1 }
            table[k] = UInt8(code)
        }
        return table
    }

    /// For each grid index `k`, the largest code at or below the previous grid point,
    /// `max{ q : map[q] ≤ g_(k−1) }` (0 for `k = 0` and below the map): a starting point for
    /// the search of the code at or below any `v` whose ``index(of:)`` is `k`, since such a `v`
    /// lies within half a grid step of `g_k`, above `g_(k−1)`.
    static func floorTable(for values: [Float]) -> [UInt8] {
        var table = [UInt8](repeating: 0, count: pointCount)
        var code = 0
        for k in 1..<pointCount {
            let g = point(k - 1)
            while code < values.count - 1, values[code + 1] <= g { code += 1 }
            table[k] = UInt8(code)
        }
        return table
    }
}
