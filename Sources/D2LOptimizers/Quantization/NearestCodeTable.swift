/// Tables from which the nearest code of a normalized value is read without a search: the
/// same code as ``BlockCodec/nearestCode(normalized:)`` for every `Float`, from two loads and a
/// comparison, with no branch, so a block quantizes in a straight loop.
///
/// For `v ≥ 0` the nearest code is `z + f(v)`, `z` the code of 0, and `f(v)` counts the
/// thresholds `T⁺_j ≤ v`: `T⁺_j` is the least `Float` in `[P_j, P_(j+1)]` for which the
/// distance comparison of the scalar search (`|P_(j+1) − v| < |v − P_j|`, in `Float`) picks
/// `P_(j+1)`, with `P` the map's values from 0 up. A negative `v` is `z − g(|v|)`, `g` counting
/// thresholds `T⁻_k` where the comparison (ties going to the larger magnitude there) moves
/// away from zero; the unsigned map sends every negative value to code 0, and NaN goes to 0.
///
/// The count comes from a bucket of the magnitude's bits (its exponent and 8 mantissa bits,
/// `m = min(|v|, 1)`):
///
/// ```
/// b    = clamp(bits(m) >> 15 − (103 << 8), 0, 6144)        (buckets above 2⁻²⁴; below: bucket 0)
/// c    = count[b]                                           (thresholds at or below the bucket's start)
/// f(m) = c + (T_c ≤ m ? 1 : 0)
/// ```
///
/// which is exact because no bucket holds more than one threshold (checked when the tables
/// are built: the maps' relative gaps, 0.35 % and more, exceed a bucket's width, 2⁻⁸).
struct NearestCodeTable {
    /// Bucket counts: ``bucketCount`` for non-negative values, then as many for negative ones.
    let counts: [UInt8]
    /// Thresholds `T⁺` (256 entries, padded with +∞), then `T⁻` (256).
    let thresholds: [Float]
    /// The code of 0.
    let zeroCode: Int

    /// The first bucket's bit pattern, `bits(2⁻²⁴) >> 15`.
    static let lowestBucket = 103 << 8
    /// Buckets from 2⁻²⁴ to 1.
    static let bucketCount = (127 << 8) - lowestBucket + 1

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
        var counts = [UInt8]()
        counts.reserveCapacity(2 * Self.bucketCount)
        for thresholds in [positiveThresholds, negativeThresholds] {
            for bucket in 0..<Self.bucketCount {
                let start = Self.start(ofBucket: bucket)
                let count = thresholds.firstIndex { !($0 <= start) }!
                if bucket + 1 < Self.bucketCount {
                    precondition(!(thresholds[count + 1] < Self.start(ofBucket: bucket + 1)), "at most one threshold per bucket")
                }
                counts.append(UInt8(count))
            }
        }
        self.counts = counts
        self.thresholds = positiveThresholds + negativeThresholds
        self.zeroCode = zeroCode
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
    /// for each, bit for bit, in a loop without branches (the sign and NaN enter as integer
    /// arithmetic, so nothing depends on predicting them).
    func quantizeNearest(_ block: UnsafeBufferPointer<Float>, inverse: Float, into codes: UnsafeMutableBufferPointer<UInt8>) {
        guard let source = block.baseAddress, let destination = codes.baseAddress,
            let counts = nearestCounts.baseAddress, let thresholds = nearestThresholds.baseAddress
        else { return }
        let zeroCode = Int32(nearestZeroCode)
        let lowest = Int32(NearestCodeTable.lowestBucket)
        let last = Int32(NearestCodeTable.bucketCount - 1)
        let negativeBuckets = Int32(NearestCodeTable.bucketCount)
        for i in 0..<block.count {
            let v = source[i] * inverse
            let bits = v.bitPattern
            let sign = Int32(truncatingIfNeeded: bits >> 31) & (v < 0 ? 1 : 0)
            let magnitude = Float(bitPattern: bits & 0x7FFF_FFFF)
            let m = magnitude < 1 ? magnitude : 1
            let bucket = Swift.min(Swift.max(Int32(truncatingIfNeeded: m.bitPattern >> 15) &- lowest, 0), last)
            let count = Int32(counts[Int(bucket &+ sign &* negativeBuckets)])
            let threshold = thresholds[Int(count &+ sign &* 256)]
            let steps = count &+ (threshold <= m ? 1 : 0)
            let code = Swift.max(zeroCode &+ steps &* (1 &- 2 &* sign), 0)
            destination[i] = UInt8(truncatingIfNeeded: code) & (v == v ? 0xFF : 0)
        }
    }
}
