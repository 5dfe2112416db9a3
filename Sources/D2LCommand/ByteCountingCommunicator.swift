import D2LDistributed

/// A communicator that passes every collective on to another one and adds up the bytes of the
/// buffers it was given: what this rank asked MPI to move, for `d2l bench --data-parallel`.
///
/// Each collective counts the buffer it is passed, once: an allreduce or allgather its whole
/// buffer, a reduce-scatter its source (the whole gradient, not the shard it receives), a
/// broadcast its bytes; a barrier counts nothing. How many of those bytes cross between
/// processes depends on MPI's algorithm (a ring reduce-scatter or allgather of `B` bytes sends
/// `B · (N − 1)/N` from each rank).
final class ByteCountingCommunicator: Communicator {
    /// The communicator that does the work.
    let base: any Communicator
    /// The bytes of the buffers passed to collectives so far.
    private(set) var bytes = 0

    init(_ base: any Communicator) {
        self.base = base
    }

    var rank: Int { base.rank }
    var size: Int { base.size }

    func barrier() throws(DistributedError) {
        try base.barrier()
    }

    func allreduce<Scalar: CommunicationScalar>(
        _ buffer: UnsafeMutableBufferPointer<Scalar>, _ operation: ReductionOperation
    ) throws(DistributedError) {
        bytes += buffer.count * MemoryLayout<Scalar>.size
        try base.allreduce(buffer, operation)
    }

    func allgather<Scalar: CommunicationScalar>(
        _ buffer: UnsafeMutableBufferPointer<Scalar>, partition: EvenPartition
    ) throws(DistributedError) {
        bytes += buffer.count * MemoryLayout<Scalar>.size
        try base.allgather(buffer, partition: partition)
    }

    func reduceScatter<Scalar: CommunicationScalar>(
        _ source: UnsafeBufferPointer<Scalar>, into shard: UnsafeMutableBufferPointer<Scalar>, partition: EvenPartition
    ) throws(DistributedError) {
        bytes += source.count * MemoryLayout<Scalar>.size
        try base.reduceScatter(source, into: shard, partition: partition)
    }

    func broadcast(_ bytes: UnsafeMutableRawBufferPointer, from root: Int) throws(DistributedError) {
        self.bytes += bytes.count
        try base.broadcast(bytes, from: root)
    }
}
