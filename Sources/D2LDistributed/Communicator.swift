/// A group of processes (ranks) that exchange buffers in collective operations.
///
/// Every rank of the group must call the same collectives in the same order with matching
/// arguments (the same lengths and partition, the same root); a collective returns on a rank once
/// that rank's part of the exchange is done. Buffers are in place where MPI allows it, so a step
/// over the flattened parameters allocates nothing. Each collective also has a form on Swift
/// arrays, for small values and tests.
///
/// ```swift
/// let communicator: any Communicator = LocalCommunicator()   // or try MPICommunicator.world()
/// var gradient: [Float] = computeGradient()
/// try communicator.allreduce(&gradient, .sum)                // the sum over ranks, on every rank
///
/// // Each rank updates its own contiguous slice, then every rank receives the others' slices:
/// var parameters: [Float] = currentParameters()
/// let partition = communicator.evenPartition(of: parameters.count)
/// update(&parameters[partition.range(of: communicator.rank)])
/// try communicator.allgather(&parameters, partition: partition)
/// ```
///
/// Implementations: ``LocalCommunicator`` (one process, no MPI) and, in a build with the package
/// trait `MPI`, `MPICommunicator` on Open MPI.
public protocol Communicator {
    /// This process's place in the group, `0 ..< size`.
    var rank: Int { get }

    /// The number of ranks in the group, at least 1.
    var size: Int { get }

    /// Returns once every rank has called it.
    func barrier() throws(DistributedError)

    /// Replaces `buffer`, on every rank, with the elementwise `operation` over the ranks'
    /// buffers. Every rank passes the same length.
    func allreduce<Scalar: CommunicationScalar>(
        _ buffer: UnsafeMutableBufferPointer<Scalar>, _ operation: ReductionOperation
    ) throws(DistributedError)

    /// Fills `buffer` on every rank with every rank's slice: before the call rank `r` holds its
    /// part `partition.range(of: r)`, after it every rank holds all of them (MPI_Allgatherv in
    /// place). `partition` cuts `buffer.count` elements into ``size`` parts.
    func allgather<Scalar: CommunicationScalar>(
        _ buffer: UnsafeMutableBufferPointer<Scalar>, partition: EvenPartition
    ) throws(DistributedError)

    /// Writes into `shard` this rank's part of the sum over ranks of `source`: each rank passes
    /// its whole buffer of `partition.elementCount` elements and receives
    /// `Σ_ranks source[partition.range(of: rank)]` (what MPI_Reduce_scatter computes).
    func reduceScatter<Scalar: CommunicationScalar>(
        _ source: UnsafeBufferPointer<Scalar>, into shard: UnsafeMutableBufferPointer<Scalar>,
        partition: EvenPartition
    ) throws(DistributedError)

    /// Copies `bytes` from rank `root` to every other rank; every rank passes the same length.
    func broadcast(_ bytes: UnsafeMutableRawBufferPointer, from root: Int) throws(DistributedError)
}

extension Communicator {
    /// The even partition of `elementCount` elements into one part per rank.
    public func evenPartition(of elementCount: Int) -> EvenPartition {
        EvenPartition(elementCount: elementCount, partCount: size)
    }
}
