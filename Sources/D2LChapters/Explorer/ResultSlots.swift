import Foundation

/// One slot per task of a concurrent loop: each task stores its result at its own index, and
/// the loop's owner reads them all afterwards. Every access holds the lock, hence `Sendable`.
final class ResultSlots<Value, Failure: Error>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<Value, Failure>?]

    /// `count` empty slots.
    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    /// Stores `result` in slot `index`.
    func store(_ result: Result<Value, Failure>, at index: Int) {
        lock.withLock { slots[index] = result }
    }

    /// Every slot's value, in order; each task of the loop has stored its result.
    ///
    /// - Throws: The first failure stored.
    func values() throws(Failure) -> [Value] {
        let results = lock.withLock { slots }
        return try results.map { (result) throws(Failure) in try result!.get() }
    }
}
