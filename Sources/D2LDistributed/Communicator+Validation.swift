/// The argument checks every implementation makes before a collective, so that a mistake is a
/// ``DistributedError`` on the rank that made it rather than a truncated or mismatched message.
extension Communicator {
    /// Checks that `partition` has one part per rank and covers `count` elements.
    func checkWhole(_ count: Int, partition: EvenPartition, operation: String) throws(DistributedError) {
        guard partition.partCount == size else {
            throw .partCountMismatch(operation: operation, partCount: partition.partCount, worldSize: size)
        }
        guard count == partition.elementCount else {
            throw .lengthMismatch(operation: operation, expected: partition.elementCount, found: count)
        }
    }

    /// Checks that `count` is the length of this rank's part of `partition`.
    func checkShard(_ count: Int, partition: EvenPartition, operation: String) throws(DistributedError) {
        let expected = partition.count(of: rank)
        guard count == expected else {
            throw .lengthMismatch(operation: operation, expected: expected, found: count)
        }
    }

    /// Checks that `root` is a rank of the group.
    func checkRoot(_ root: Int) throws(DistributedError) {
        guard (0..<size).contains(root) else { throw .invalidRoot(root: root, worldSize: size) }
    }
}
