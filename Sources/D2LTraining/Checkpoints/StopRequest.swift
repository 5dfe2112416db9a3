import Foundation

/// A request, from any thread, that a training run stop at the next minibatch boundary, save
/// its checkpoint and throw ``TrainingInterrupted``.
///
/// ```swift
/// let stop = StopRequest()
/// // on SIGINT, from a signal handler's queue:
/// stop.request()
/// // the run, given Checkpointing(file: url, stopRequest: stop), saves and throws
/// ```
///
/// A run checks the request once per minibatch: a lock and a load, nothing a step would notice.
public final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false

    /// A request not yet made.
    public init() {}

    /// Asks the run to stop. Calling it again changes nothing.
    public func request() {
        lock.lock()
        requested = true
        lock.unlock()
    }

    /// Whether ``request()`` has been called.
    public var isRequested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return requested
    }
}
