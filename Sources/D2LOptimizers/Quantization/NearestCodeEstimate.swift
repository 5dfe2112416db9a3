/// A first estimate of the nearest code's step from zero that the vector quantization loop
/// computes with arithmetic alone, one table lookup then making it exact.
///
/// The thresholds of a dynamic map are evenly spaced within a decade, so within a binade of
/// `m` (split at one point where a decade begins) the count `f(m)` of thresholds `T_j ≤ m` is
/// close to an affine function of `m`. Each of the two pieces of binade `i` (`m`'s exponent
/// `max(e, 96) − 96`) has a slope and an offset, and
///
/// ```
/// k(m) = trunc(m · slope + offset)     (Float products, no fused multiply-add)
/// ```
///
/// is `f(m)` or `f(m) − 1` for every `m` in `[0, 1]`, and likewise for the negative side's
/// count (with `k` capped at the code of 0), so `f(m) = k + (T[k] ≤ m)`. That property is
/// checked here, exhaustively: `k` and `f` never decrease with `m`, so it holds on every
/// interval between consecutive thresholds when it holds at both ends.
struct NearestCodeEstimate {
    /// Per binade, the point from which its upper piece applies (+∞ when it has one piece).
    private(set) var split = [Float](repeating: .infinity, count: 32)
    /// The pieces' slopes: the 32 lower pieces, then the 32 upper ones.
    private(set) var slope = [Float](repeating: 0, count: 64)
    /// The pieces' offsets, in the order of ``slope``.
    private(set) var offset = [Float](repeating: 0, count: 64)

    /// Fits the pieces to the map's thresholds `T⁺` and `T⁻` (256 each, padded with +∞), the
    /// negative ones counting up to `zeroCode`.
    init(positive: [Float], negative: [Float], zeroCode: Int) {
        let counts = ThresholdCounts(positive: positive, negative: negative, zeroCode: zeroCode)
        for binade in 0..<32 {
            let low: Float = binade == 0 ? 0 : Float(sign: .plus, exponent: binade - 31, significand: 1)
            let high = Float(sign: .plus, exponent: binade - 30, significand: 1)
            let candidates = [Float.infinity] + positive.filter { $0 >= low && $0 < high }
            let fitted = candidates.lazy.compactMap { split -> (Float, (Float, Float), (Float, Float))? in
                guard let lower = counts.fit(from: low, to: Swift.min(split, high)) else { return nil }
                guard split < high else { return (split, lower, lower) }
                guard let upper = counts.fit(from: split, to: high) else { return nil }
                return (split, lower, upper)
            }.first
            guard let (split, lower, upper) = fitted else {
                preconditionFailure("no affine estimate of the nearest code fits the binade of 2^\(binade - 31)")
            }
            self.split[binade] = split
            (slope[binade], offset[binade]) = lower
            (slope[32 + binade], offset[32 + binade]) = upper
        }
    }

    /// The estimate `k(m)`, as the vector loop computes it.
    static func estimate(_ m: Float, slope: Float, offset: Float) -> Int {
        Int((m * slope + offset).rounded(.towardZero))
    }
}

/// The counts `f⁺` and `f⁻` of a map's thresholds, and the search for a piece's estimate.
private struct ThresholdCounts {
    let positive: [Float]
    let negative: [Float]
    let zeroCode: Int
    /// Every finite threshold of either side, ascending: where a count changes.
    let breakpoints: [Float]

    init(positive: [Float], negative: [Float], zeroCode: Int) {
        (self.positive, self.negative, self.zeroCode) = (positive, negative, zeroCode)
        breakpoints = Set((positive + negative.prefix(zeroCode)).filter(\.isFinite)).sorted()
    }

    /// The number of thresholds at or below `m` in a sorted table.
    static func count(_ thresholds: [Float], atOrBelow m: Float) -> Int {
        var (low, high) = (0, thresholds.count)
        while low < high {
            let middle = (low + high) / 2
            if thresholds[middle] <= m { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The first slope and offset whose estimate is the count or one less everywhere in
    /// `[low, high)`: the constant count at `low`, then lines through pairs of the piece's
    /// thresholds, at a few margins below them.
    func fit(from low: Float, to high: Float) -> (Float, Float)? {
        let constant = (Float(0), Float(Self.count(positive, atOrBelow: low)) + 0.5)
        if holds(from: low, to: high, slope: constant.0, offset: constant.1) { return constant }
        let inside = positive.indices.filter { positive[$0] >= low && positive[$0] < high }
        guard let first = inside.first, let last = inside.last else { return nil }
        for anchor in first..<last {
            for other in stride(from: last, to: anchor, by: -1) {
                let spacing = (Double(positive[other]) - Double(positive[anchor])) / Double(other - anchor)
                for margin in [0.5, 0.25, 0.75, 0.1, 0.9] {
                    let slope = Float(1 / spacing)
                    let offset = Float(Double(anchor + 1) - margin - Double(positive[anchor]) / spacing)
                    if holds(from: low, to: high, slope: slope, offset: offset) { return (slope, offset) }
                }
            }
        }
        return nil
    }

    /// Whether the estimate is the count or one less on `[low, high)`, for both signs: checked
    /// at each end of every interval on which the counts are constant.
    func holds(from low: Float, to high: Float, slope: Float, offset: Float) -> Bool {
        let points = [low] + breakpoints.filter { $0 > low && $0 < high } + [high]
        for (start, end) in zip(points, points.dropFirst()) {
            let first = NearestCodeEstimate.estimate(start, slope: slope, offset: offset)
            let last = NearestCodeEstimate.estimate(end.nextDown, slope: slope, offset: offset)
            guard first >= 0, last <= 255 else { return false }
            let f = Self.count(positive, atOrBelow: start)
            guard first >= f - 1, last <= f else { return false }
            if zeroCode > 0 {
                let g = Self.count(negative, atOrBelow: start)
                guard Swift.min(first, zeroCode) >= g - 1, Swift.min(last, zeroCode) <= g else { return false }
            }
        }
        return true
    }
}
