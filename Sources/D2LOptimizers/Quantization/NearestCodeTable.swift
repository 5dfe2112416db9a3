import CD2LMath

/// Tables from which the nearest code of a normalized value is read without a search: the
/// same code as ``BlockCodec/nearestCode(normalized:)`` for every `Float`, from one load, one
/// comparison and integer arithmetic, with no branch, so a block quantizes in a straight loop
/// that vectorizes (the load becomes a gather).
///
/// For `v ≥ 0` the nearest code is `z + f(v)`, `z` the code of 0, and `f(v)` counts the
/// thresholds `T⁺_j ≤ v`: `T⁺_j` is the least `Float` in `[P_j, P_(j+1)]` for which the
/// distance comparison of the scalar search (`|P_(j+1) − v| < |v − P_j|`, in `Float`) picks
/// `P_(j+1)`, with `P` the map's values from 0 up. A negative `v` is `z − g(|v|)`, `g` counting
/// thresholds `T⁻_k` where the comparison (ties going to the larger magnitude there) moves
/// away from zero; the unsigned map sends every negative value to code 0, and NaN goes to 0.
///
/// The count comes from a bucket of the magnitude's bits (its exponent and 8 mantissa bits,
/// `m = min(|v|, 1)`), whose entry holds the thresholds at or below the bucket's start, `c`,
/// and the low 15 bits `t` of the one threshold inside the bucket (`2¹⁵`, never reached, when
/// there is none):
///
/// ```
/// b    = max(bits(m) >> 15 − (103 << 8), 0)        (buckets above 2⁻²⁴; below: bucket 0)
/// f(m) = c[b] + (bits(m) & 0x7FFF ≥ t[b] ? 1 : 0)
/// ```
///
/// which is exact because no bucket holds more than one threshold and every value in a bucket
/// shares the threshold's upper bits (both checked when the tables are built: the maps'
/// relative gaps, 0.35 % and more, exceed a bucket's width, 2⁻⁸, and the least threshold lies
/// above bucket 0).
struct NearestCodeTable {
    /// Bucket entries, `c | t << 16`: ``bucketCount`` for non-negative values, then as many for
    /// negative ones.
    let buckets: [UInt32]
    /// Thresholds `T⁺` (256 entries, padded with +∞), then `T⁻` (256).
    let thresholds: [Float]
    /// The code of 0.
    let zeroCode: Int
    /// The vector loop's first estimate of the count.
    let estimate: NearestCodeEstimate

    /// The first bucket's bit pattern, `bits(2⁻²⁴) >> 15`.
    static let lowestBucket = Int(D2L_LOWEST_BUCKET)
    /// Buckets from 2⁻²⁴ to 1.
    static let bucketCount = Int(D2L_BUCKET_COUNT)
    /// The entry's `t` when no threshold lies inside the bucket.
    static let noThreshold: UInt32 = 1 << 15

    init(values: [Float]) {
        let zeroCode = values.firstIndex(of: 0)!
        let positive = Array(values[zeroCode...])
        var positiveThresholds = [Float](repeating: .infinity, count: 256)
        for j in 0..<(positive.count - 1) {
            let (low, high) = (positive[j], positive[j + 1])
            positiveThresholds[j] = Self.least(from: low, to: high) { x in x == high || (high - x) < (x - low) }
        }
        var negativeThresholds = [Float](repeating: .infinity, count: 256)
        for k in 0..<zeroCode {
            precondition(-values[zeroCode - 1 - k] == positive[k + 1], "the signed map's negative values mirror its positive ones")
            let (low, high) = (positive[k], positive[k + 1])
            negativeThresholds[k] = Self.least(from: low, to: high) { m in m > low && (high - m) <= (m - low) }
        }
        var buckets = [UInt32]()
        buckets.reserveCapacity(2 * Self.bucketCount)
        for thresholds in [positiveThresholds, negativeThresholds] {
            precondition(!(thresholds[0] < Self.start(ofBucket: 1)), "no threshold in bucket 0")
            for bucket in 0..<Self.bucketCount {
                let count = thresholds.firstIndex { !($0 <= Self.start(ofBucket: bucket)) }!
                let next = Self.start(ofBucket: bucket + 1)
                precondition(count + 1 == thresholds.count || !(thresholds[count + 1] < next), "at most one threshold per bucket")
                let inside = thresholds[count] < next ? thresholds[count].bitPattern & 0x7FFF : Self.noThreshold
                buckets.append(UInt32(count) | inside << 16)
            }
        }
        self.buckets = buckets
        self.thresholds = positiveThresholds + negativeThresholds
        self.zeroCode = zeroCode
        self.estimate = NearestCodeEstimate(positive: positiveThresholds, negative: negativeThresholds, zeroCode: zeroCode)
    }
    /// The least value of bucket `bucket` (0 for the first, which holds everything below 2⁻²⁴).
    static func start(ofBucket bucket: Int) -> Float {
        bucket == 0 ? 0 : Float(bitPattern: UInt32(bucket + lowestBucket) << 15)
    }

    /// The least `Float` in `[low, high]` (both ≥ 0) where `predicate`, false at `low` and true
    /// at `high` and monotone between, holds.
    private static func least(from low: Float, to high: Float, _ predicate: (Float) -> Bool) -> Float {
        var (below, above) = (low.bitPattern, high.bitPattern)
        while above - below > 1 {
            let middle = below + (above - below) / 2
            if predicate(Float(bitPattern: middle)) { above = middle } else { below = middle }
        }
        return Float(bitPattern: above)
    }
}

extension BlockCodec {
    /// The nearest code of every `block[i] · inverse`, into `codes`: ``nearestCode(normalized:)``
    /// for each, bit for bit, in a loop without branches: the bucket table's one load and one
    /// comparison per value, or, with vector instructions, ``NearestCodeEstimate`` and one
    /// threshold lookup per value.
    func quantizeNearest(
        _ block: UnsafeBufferPointer<Float>, inverse: Float, into codes: UnsafeMutableBufferPointer<UInt8>,
        instructionSet: d2l_instruction_set = D2L_INSTRUCTION_SET_WIDEST
    ) {
        precondition(block.count == codes.count, "values and their codes")
        guard let source = block.baseAddress, let destination = codes.baseAddress else { return }
        d2l_quantize_nearest(tables, source, block.count, inverse, destination, instructionSet)
    }
}
