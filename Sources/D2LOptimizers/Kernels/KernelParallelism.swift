#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How many threads the optimizer kernels may use, and from what size a buffer is split.
///
/// ```swift
/// // Every kernel call inside the closure uses at most one thread:
/// KernelParallelism.$current.withValue(KernelParallelism(maximumThreads: 1)) {
///     try optimizer.step(&parameters, gradients: gradients)
/// }
/// ```
///
/// A kernel pass over `n` elements runs on `min(maximumThreads, n / minimumElementsPerThread)`
/// threads (at least one), each on one contiguous chunk whose bounds fall on 64-byte cache
/// lines of the parameter buffer. The update is elementwise, so the results are identical
/// whatever the thread count; only the time changes. Below the threshold a pass runs on the
/// calling thread and reads no configuration at all, so many small tensors pay nothing for it.
///
/// The default ``current`` value allows as many threads as the machine has online processors,
/// or the number in the environment variable `D2L_NUM_THREADS` when it is set (read once).
public struct KernelParallelism: Sendable, Equatable {
    /// The most threads a kernel pass may use, ≥ 1.
    public var maximumThreads: Int
    /// The fewest elements worth a thread of their own, ≥ ``smallestThreshold``.
    ///
    /// The default, 2¹⁷ elements (512 KiB of `Float` parameters; about 2.5 MB moved by a plain
    /// RMSProp step, some 100 µs), is where waking a second thread stops costing more than it
    /// saves on the machines measured in BENCHMARKS.md.
    public var minimumElementsPerThread: Int

    /// The smallest allowed ``minimumElementsPerThread``: 4,096 elements.
    public static let smallestThreshold = 4_096

    /// The default ``minimumElementsPerThread``.
    public static let defaultMinimumElementsPerThread = 1 << 17

    /// A configuration; values out of range are clamped (threads to ≥ 1, the threshold to
    /// ≥ ``smallestThreshold``).
    public init(maximumThreads: Int = KernelParallelism.processorCount, minimumElementsPerThread: Int = KernelParallelism.defaultMinimumElementsPerThread) {
        self.maximumThreads = Swift.max(1, maximumThreads)
        self.minimumElementsPerThread = Swift.max(Self.smallestThreshold, minimumElementsPerThread)
    }

    /// The configuration in force for kernel passes on this task or thread.
    @TaskLocal public static var current = KernelParallelism(maximumThreads: defaultMaximumThreads)

    /// Online processors (at least 1).
    public static let processorCount: Int = {
        #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
        return Swift.max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 1
        #endif
    }()

    /// `D2L_NUM_THREADS` when it holds a positive integer, else ``processorCount``.
    public static let defaultMaximumThreads: Int = {
        if let text = getenv("D2L_NUM_THREADS").map({ String(cString: $0) }), let value = Int(text), value >= 1 {
            return value
        }
        return processorCount
    }()

    /// The number of threads for a pass over `count` elements.
    @inlinable
    public func threadCount(forElementCount count: Int) -> Int {
        Swift.max(1, Swift.min(maximumThreads, count / minimumElementsPerThread))
    }
}
