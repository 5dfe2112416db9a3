/// Splits a pass over a buffer into one contiguous chunk per thread and runs them on the
/// kernels' worker threads, the calling thread taking part.
///
/// Chunk bounds fall on 64-byte cache lines of the buffer being written, so no two threads
/// write to the same line. Chunks depend only on the count, the thread count and the
/// buffer's address — never on timing — and every element is processed by exactly one chunk.
public enum ParallelChunks {
    /// The cache-line size chunks are aligned to, in bytes.
    public static let cacheLineBytes = 64

    /// The bounds of chunk `index` of `chunkCount` over `count` elements of `stride` bytes
    /// starting at `address`.
    ///
    /// Every bound but `0` and `count` is rounded to the nearest element index whose address is
    /// a multiple of ``cacheLineBytes`` (when `stride` divides it; otherwise to a multiple of
    /// the elements per line).
    @inlinable
    public static func bounds(ofChunk index: Int, of chunkCount: Int, count: Int, address: UInt, stride: Int) -> Range<Int> {
        func bound(_ k: Int) -> Int {
            if k <= 0 { return 0 }
            if k >= chunkCount { return count }
            let perLine = Swift.max(1, cacheLineBytes / stride)
            let ideal = Int((Double(count) * Double(k) / Double(chunkCount)).rounded())
            // Elements before the first cache-line boundary of the buffer.
            let misalignment = stride > 0 && cacheLineBytes % stride == 0
                ? ((cacheLineBytes - Int(address % UInt(cacheLineBytes))) % cacheLineBytes) / stride : 0
            let aligned = misalignment + ((ideal - misalignment + perLine / 2) / perLine) * perLine
            return Swift.min(count, Swift.max(0, aligned))
        }
        let lower = bound(index)
        return lower..<Swift.max(lower, bound(index + 1))
    }

    /// Runs `body` on `threads` chunks of `0..<count` in parallel (serially when `threads`
    /// is 1), aligned to cache lines of the buffer at `address` with elements of `stride` bytes.
    /// `body` gets the chunk's number, in `0..<threads`, and its elements.
    public static func run(
        count: Int, threads: Int, address: UInt, stride: Int, _ body: (_ chunk: Int, _ range: Range<Int>) -> Void
    ) {
        guard threads > 1 else {
            body(0, 0..<count)
            return
        }
        KernelThreadPool.shared.run(chunks: threads) { index in
            let range = bounds(ofChunk: index, of: threads, count: count, address: address, stride: stride)
            if !range.isEmpty { body(index, range) }
        }
    }
}

/// A value handed to other threads under a guarantee the compiler cannot check: the kernels
/// give each thread a disjoint range of the buffers the value points to.
@usableFromInline
struct UncheckedSendable<Value>: @unchecked Sendable {
    @usableFromInline let value: Value
    @inlinable init(_ value: Value) { self.value = value }
}
