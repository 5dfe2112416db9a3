/// The collectives on Swift arrays, for small values and tests; a training step passes its own
/// buffers to the pointer forms and allocates nothing.
extension Communicator {
    /// Replaces `array`, on every rank, with the elementwise `operation` over the ranks' arrays.
    ///
    /// ```swift
    /// var loss: [Double] = [localLossSum, Double(localCount)]
    /// try communicator.allreduce(&loss, .sum)
    /// ```
    public func allreduce<Scalar: CommunicationScalar>(
        _ array: inout [Scalar], _ operation: ReductionOperation
    ) throws(DistributedError) {
        try array.withUnsafeMutableBufferPointer { (buffer) throws(DistributedError) in
            try allreduce(buffer, operation)
        }
    }

    /// Fills `array` with every rank's part of `partition`, each rank having written its own.
    public func allgather<Scalar: CommunicationScalar>(
        _ array: inout [Scalar], partition: EvenPartition
    ) throws(DistributedError) {
        try array.withUnsafeMutableBufferPointer { (buffer) throws(DistributedError) in
            try allgather(buffer, partition: partition)
        }
    }

    /// This rank's part of `partition` of the sum over ranks of `source`.
    public func reduceScatter<Scalar: CommunicationScalar>(
        _ source: [Scalar], partition: EvenPartition
    ) throws(DistributedError) -> [Scalar] {
        try checkWhole(source.count, partition: partition, operation: "reduce-scatter")
        var shard = Array(source.prefix(partition.count(of: rank)))
        try source.withUnsafeBufferPointer { (whole) throws(DistributedError) in
            try shard.withUnsafeMutableBufferPointer { (part) throws(DistributedError) in
                try reduceScatter(whole, into: part, partition: partition)
            }
        }
        return shard
    }

    /// Replaces `array` on every rank with rank `root`'s; every rank passes the same length.
    public func broadcast<Element: BitwiseCopyable>(
        _ array: inout [Element], from root: Int
    ) throws(DistributedError) {
        try array.withUnsafeMutableBufferPointer { (buffer) throws(DistributedError) in
            try broadcast(UnsafeMutableRawBufferPointer(buffer), from: root)
        }
    }
}
