/// A failure of communication between ranks, or ranks that do not agree.
///
/// Its ``description`` is one line, ready to print for a user:
///
/// ```
/// ranks were started with different options: seed is 1 on rank 1 but 0 on rank 0; start every rank with the same options
/// MPI_Allreduce failed: MPI_ERR_TRUNCATE: message truncated (error 15)
/// ```
public enum DistributedError: Error, CustomStringConvertible, Equatable, Sendable {
    /// An MPI call returned the error `code`; `message` is MPI's text for it.
    case mpiFailure(operation: String, code: Int32, message: String)

    /// MPI was already finalized in this process, so no communicator can be made.
    case mpiFinalized

    /// A buffer's length differs from what the collective needs: the `partition`'s element count
    /// for a whole buffer, or the count of this rank's part for a shard.
    case lengthMismatch(operation: String, expected: Int, found: Int)

    /// A partition's part count differs from the world size.
    case partCountMismatch(operation: String, partCount: Int, worldSize: Int)

    /// A broadcast names a root rank outside `0 ..< worldSize`.
    case invalidRoot(root: Int, worldSize: Int)

    /// A collective would send more elements in one piece than MPI's 32-bit counts hold.
    case countTooLarge(operation: String, count: Int)

    /// Ranks hold different values of the named item: `rank` (the lowest such rank) has `value`,
    /// rank 0 has `referenceValue`. A value is `"(not given)"` when that rank lacks the item.
    case disagreement(name: String, rank: Int, value: String, referenceValue: String)

    /// A one-line message naming what went wrong and what would be valid.
    public var description: String {
        switch self {
        case .mpiFailure(let operation, let code, let message):
            return "\(operation) failed: \(message) (error \(code))"
        case .mpiFinalized:
            return "MPI was already finalized in this process; communicators must be made before MPI_Finalize"
        case .lengthMismatch(let operation, let expected, let found):
            return "\(operation) was given a buffer of \(found) elements; expected \(expected)"
        case .partCountMismatch(let operation, let partCount, let worldSize):
            return "\(operation) was given a partition into \(partCount) parts; expected one part per rank (\(worldSize))"
        case .invalidRoot(let root, let worldSize):
            return "broadcast from rank \(root); expected a rank in 0..<\(worldSize)"
        case .countTooLarge(let operation, let count):
            return "\(operation) would send \(count) elements at once; MPI counts stop at \(Int32.max)"
        case .disagreement(let name, let rank, let value, let referenceValue):
            return "ranks were started with different options: \(name) is \(value) on rank \(rank) "
                + "but \(referenceValue) on rank 0; start every rank with the same options"
        }
    }
}
