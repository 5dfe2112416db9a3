/// The group of one process: world size 1, no MPI.
///
/// Every collective is what it is on a group of one: a reduction or a gather leaves the buffer
/// as it is, a reduce-scatter copies the whole source into the shard, a broadcast from rank 0
/// does nothing. Code written against ``Communicator`` runs unchanged on one process, in a build
/// without the `MPI` trait or outside `mpirun`.
///
/// ```swift
/// let communicator = LocalCommunicator()
/// var gradient: [Float] = [0.5, -1]
/// try communicator.allreduce(&gradient, .sum)   // still [0.5, -1]
/// ```
public struct LocalCommunicator: Communicator, Hashable, Sendable {
    /// The group of this process alone.
    public init() {}

    /// Always 0.
    public var rank: Int { 0 }

    /// Always 1.
    public var size: Int { 1 }

    /// Returns at once.
    public func barrier() throws(DistributedError) {}

    /// Leaves `buffer` as it is: the reduction over one rank.
    public func allreduce<Scalar: CommunicationScalar>(
        _ buffer: UnsafeMutableBufferPointer<Scalar>, _ operation: ReductionOperation
    ) throws(DistributedError) {}

    /// Checks `partition` and leaves `buffer` as it is: this rank's part is the whole buffer.
    public func allgather<Scalar: CommunicationScalar>(
        _ buffer: UnsafeMutableBufferPointer<Scalar>, partition: EvenPartition
    ) throws(DistributedError) {
        try checkWhole(buffer.count, partition: partition, operation: "allgather")
    }

    /// Checks the lengths and copies `source` into `shard`.
    public func reduceScatter<Scalar: CommunicationScalar>(
        _ source: UnsafeBufferPointer<Scalar>, into shard: UnsafeMutableBufferPointer<Scalar>,
        partition: EvenPartition
    ) throws(DistributedError) {
        try checkWhole(source.count, partition: partition, operation: "reduce-scatter")
        try checkShard(shard.count, partition: partition, operation: "reduce-scatter")
        _ = shard.update(fromContentsOf: source)
    }

    /// Checks that `root` is 0 and leaves `bytes` as they are.
    public func broadcast(_ bytes: UnsafeMutableRawBufferPointer, from root: Int) throws(DistributedError) {
        try checkRoot(root)
    }
}
