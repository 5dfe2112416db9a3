import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Persistent worker threads for the kernels' parallel passes: started once, on first use,
/// then woken for each pass without allocating (unlike `DispatchQueue.concurrentPerform`,
/// which allocates a few blocks per call), so that an optimizer step allocates nothing
/// whatever its thread count.
///
/// A pass hands out chunk numbers `0..<chunks` to the calling thread and to as many workers as
/// it needs; the call returns when every chunk has run. When the pool is already running a pass
/// (two optimizers stepping on two threads at once), the later pass runs its chunks on its own
/// thread instead of waiting: results never depend on which thread runs a chunk.
@usableFromInline
final class KernelThreadPool: @unchecked Sendable {
    /// The pool every kernel uses.
    @usableFromInline static let shared = KernelThreadPool()

    /// At most this many workers (besides the calling thread) are ever started.
    static let maximumWorkers = 63

    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let wake = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let finished = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let busy = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    // Guarded by `lock`.
    private var workerCount = 0
    private var generation: UInt64 = 0
    private var task: ((UnsafeRawPointer, Int) -> Void)?
    private var context: UnsafeRawPointer?
    private var chunkCount = 0
    private var nextChunk = 0
    private var unfinished = 0

    private init() {
        pthread_mutex_init(lock, nil)
        pthread_mutex_init(busy, nil)
        pthread_cond_init(wake, nil)
        pthread_cond_init(finished, nil)
    }

    /// Runs `task(context, chunk)` for every chunk in `0..<chunks`, on up to `chunks` threads
    /// including the calling one, and returns when all have run.
    ///
    /// `task` should capture nothing (the work is reached through `context`, which must stay
    /// valid for the call): then it has no context object and storing it allocates nothing.
    @usableFromInline
    func run(chunks: Int, context: UnsafeRawPointer, _ task: @escaping (UnsafeRawPointer, Int) -> Void) {
        guard chunks > 1, pthread_mutex_trylock(busy) == 0 else {
            for chunk in 0..<chunks { task(context, chunk) }
            return
        }
        defer { pthread_mutex_unlock(busy) }
        pthread_mutex_lock(lock)
        startWorkers(upTo: Swift.min(chunks - 1, Self.maximumWorkers))
        self.task = task
        self.context = context
        chunkCount = chunks
        nextChunk = 0
        unfinished = chunks
        generation &+= 1
        pthread_cond_broadcast(wake)
        runChunks()
        while unfinished > 0 { pthread_cond_wait(finished, lock) }
        self.task = nil
        self.context = nil
        pthread_mutex_unlock(lock)
    }

    /// Takes and runs chunks until none is left. Called and returns with `lock` held.
    private func runChunks() {
        while nextChunk < chunkCount, let task, let context {
            let chunk = nextChunk
            nextChunk += 1
            pthread_mutex_unlock(lock)
            task(context, chunk)
            pthread_mutex_lock(lock)
            unfinished -= 1
            if unfinished == 0 { pthread_cond_signal(finished) }
        }
    }

    /// Starts workers until there are `count`. Called with `lock` held.
    private func startWorkers(upTo count: Int) {
        while workerCount < count {
            workerCount += 1
            let seen = generation
            let thread = Thread { [self] in workerLoop(seen: seen) }
            thread.name = "d2l-kernel-\(workerCount)"
            thread.start()
        }
    }

    private func workerLoop(seen: UInt64) {
        var seen = seen
        pthread_mutex_lock(lock)
        while true {
            while generation == seen { pthread_cond_wait(wake, lock) }
            seen = generation
            runChunks()
        }
    }
}
