/// Splits a pass over a buffer into one contiguous chunk per thread and runs them on the
/// kernels' worker threads, the calling thread taking part.
///
/// Chunk bounds fall on 64-byte cache lines of the buffer being written, so no two threads
/// write to the same line. Chunks depend only on the count, the thread count and the
/// buffer's address — never on timing — and every element is processed by exactly one chunk.
@usableFromInline
package enum ParallelChunks {
    /// The cache-line size chunks are aligned to, in bytes.
    @usableFromInline package static let cacheLineBytes = 64

    /// The bounds of chunk `index` of `chunkCount` over `count` elements of `stride` bytes
    /// starting at `address`.
    ///
    /// Every bound but `0` and `count` is rounded to the nearest element index whose address is
    /// a multiple of ``cacheLineBytes`` (when `stride` divides it; otherwise to a multiple of
    /// the elements per line).
    @inlinable
    package static func bounds(ofChunk index: Int, of chunkCount: Int, count: Int, address: UInt, stride: Int) -> Range<Int> {
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

    /// Runs `pass` on `threads` chunks of `0..<count` in parallel (serially when `threads`
    /// is 1), aligned to cache lines of the buffer at `address` with elements of `stride` bytes.
    ///
    /// Allocates nothing: the pass stays on the caller's stack and the worker threads reach it
    /// through a pointer.
    @inlinable
    package static func run<Pass: ChunkedPass>(count: Int, threads: Int, address: UInt, stride: Int, _ pass: Pass) {
        guard threads > 1 else {
            pass.run(chunk: 0, range: 0..<count)
            return
        }
        let job = ChunkedJob(pass: pass, count: count, threads: threads, address: address, stride: stride)
        withUnsafePointer(to: job) { job in
            // A closure without captures: once specialised it has no context to allocate.
            KernelThreadPool.shared.run(chunks: threads, context: UnsafeRawPointer(job)) { context, chunk in
                context.assumingMemoryBound(to: ChunkedJob<Pass>.self).pointee.run(chunk: chunk)
            }
        }
    }
}

/// Work split into chunks of a buffer, each of which may run on another thread.
@usableFromInline
package protocol ChunkedPass {
    /// Processes the elements `range`, chunk number `chunk` of the pass.
    func run(chunk: Int, range: Range<Int>)
}

/// A pass with its chunking.
@usableFromInline
struct ChunkedJob<Pass: ChunkedPass> {
    @usableFromInline let pass: Pass
    @usableFromInline let count: Int
    @usableFromInline let threads: Int
    @usableFromInline let address: UInt
    @usableFromInline let stride: Int

    @inlinable
    init(pass: Pass, count: Int, threads: Int, address: UInt, stride: Int) {
        self.pass = pass
        self.count = count
        self.threads = threads
        self.address = address
        self.stride = stride
    }

    @inlinable
    func run(chunk: Int) {
        let range = ParallelChunks.bounds(ofChunk: chunk, of: threads, count: count, address: address, stride: stride)
        if !range.isEmpty { pass.run(chunk: chunk, range: range) }
    }
}
