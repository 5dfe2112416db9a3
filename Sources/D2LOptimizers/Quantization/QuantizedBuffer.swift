/// A buffer of `Float` values held as 8-bit codes of a ``DynamicQuantizationMap``, in blocks of
/// 256 that share one `Float` absmax: bitsandbytes' blockwise 8-bit format, about 1.016 bytes
/// per value.
///
/// ```swift
/// let meanSquare: [Float] = [0.0009, 0.25, 1e-6, 0.04]
/// var state = QuantizedBuffer(meanSquare, map: .unsigned, rounding: .nearest)
/// state.dequantized()          // ≈ meanSquare, each within half a code gap × 0.25
/// try state.quantize([0.5, 0.1, 0, 2], rounding: .nearest)   // reuses the storage
/// ```
///
/// Block `b` holds the values `x_i`, `i` in `256·b ..< min(256·(b + 1), count)`:
///
/// ```
/// absmax_b = max_i |x_i|
/// q_i      = argmin_q |map[q] − x_i / absmax_b|      (by the rounding; see QuantizationRounding)
/// x̂_i      = map[q_i] · absmax_b
/// ```
///
/// Quantizing and dequantizing run on several threads for large buffers (as
/// ``KernelParallelism/current`` allows), with the same result for any thread count, and
/// allocate nothing.
public struct QuantizedBuffer: Sendable, Hashable {
    /// The number of values sharing one absmax: 256.
    public static let blockSize = BlockCodec.blockSize

    /// The map the codes index.
    public let map: DynamicQuantizationMap
    /// One code per value.
    public internal(set) var codes: [UInt8]
    /// One scale per block of ``blockSize`` values (the last block may be shorter).
    public internal(set) var absmax: [Float]

    /// The number of values.
    public var count: Int { codes.count }

    /// The number of blocks, ⌈count / 256⌉.
    public var blockCount: Int { absmax.count }

    /// The bytes stored per value, codes and absmax together:
    ///
    /// ```
    /// (count + 4 · ⌈count / 256⌉) / count      → 1 + 4/256 = 1.015625 for large buffers
    /// ```
    ///
    /// 0 for an empty buffer.
    public var bytesPerElement: Double {
        count == 0 ? 0 : Double(count + MemoryLayout<Float>.size * blockCount) / Double(count)
    }

    /// `count` zeros: every code 0 and every absmax 0, so every value dequantizes to ±0.
    public init(zeros count: Int, map: DynamicQuantizationMap) {
        precondition(count >= 0, "a count ≥ 0")
        self.map = map
        self.codes = [UInt8](repeating: 0, count: count)
        self.absmax = [Float](repeating: 0, count: Self.blockCount(for: count))
    }

    /// The quantized form of `values`.
    ///
    /// - Parameters:
    ///   - values: the values, in blocks of ``blockSize`` from the first.
    ///   - map: ``DynamicQuantizationMap/unsigned`` for non-negative values (negative ones
    ///     become 0), ``DynamicQuantizationMap/signed`` otherwise.
    ///   - rounding: how a value picks its code; ``QuantizationRounding/bitsandbytes`` by default.
    public init(_ values: [Float], map: DynamicQuantizationMap, rounding: QuantizationRounding = .bitsandbytes) {
        self.init(zeros: values.count, map: map)
        values.withUnsafeBufferPointer { quantizeAll($0, rounding: rounding) }
    }

    /// A buffer from saved codes and absmax values, e.g. from a checkpoint.
    ///
    /// - Throws: ``QuantizationError/absmaxCountMismatch(expected:actual:)`` unless there is one
    ///   absmax per block of 256 codes, ``QuantizationError/invalidAbsmax(block:value:)`` for an
    ///   absmax that is negative, NaN or infinite.
    public init(codes: [UInt8], absmax: [Float], map: DynamicQuantizationMap) throws(QuantizationError) {
        let blocks = Self.blockCount(for: codes.count)
        guard absmax.count == blocks else { throw .absmaxCountMismatch(expected: blocks, actual: absmax.count) }
        if let block = absmax.firstIndex(where: { !($0 >= 0 && $0.isFinite) }) {
            throw .invalidAbsmax(block: block, value: absmax[block])
        }
        self.map = map
        self.codes = codes
        self.absmax = absmax
    }

    /// Replaces the contents with the quantized form of `values`, in place.
    ///
    /// - Throws: ``QuantizationError/countMismatch(expected:actual:)`` unless `values` has
    ///   ``count`` elements; the buffer is then unchanged.
    public mutating func quantize(_ values: [Float], rounding: QuantizationRounding = .bitsandbytes) throws(QuantizationError) {
        guard values.count == count else { throw .countMismatch(expected: count, actual: values.count) }
        values.withUnsafeBufferPointer { quantizeAll($0, rounding: rounding) }
    }

    /// Writes the dequantized values `x̂_i = map[q_i] · absmax_b` into `values`, in place.
    ///
    /// - Throws: ``QuantizationError/countMismatch(expected:actual:)`` unless `values` has
    ///   ``count`` elements; `values` is then unchanged.
    public func dequantize(into values: inout [Float]) throws(QuantizationError) {
        guard values.count == count else { throw .countMismatch(expected: count, actual: values.count) }
        values.withUnsafeMutableBufferPointer { dequantizeAll(into: $0) }
    }

    /// The dequantized values, `x̂_i = map[q_i] · absmax_b`.
    public func dequantized() -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            dequantizeAll(into: buffer)
            initialized = count
        }
    }

    static func blockCount(for count: Int) -> Int {
        (count + blockSize - 1) / blockSize
    }
}
