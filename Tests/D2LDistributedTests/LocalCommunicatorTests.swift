import D2LDistributed
import Testing

@Suite("LocalCommunicator")
struct LocalCommunicatorTests {
    let communicator = LocalCommunicator()

    @Test("a world of one: rank 0, size 1")
    func world() throws {
        #expect(communicator.rank == 0)
        #expect(communicator.size == 1)
        try communicator.barrier()
    }

    @Test("reductions over one rank leave the buffer as it is", arguments: ReductionOperation.allCases)
    func allreduce(operation: ReductionOperation) throws {
        var floats: [Float] = [1.5, -2, .infinity]
        try communicator.allreduce(&floats, operation)
        #expect(floats == [1.5, -2, .infinity])
        var doubles: [Double] = [0.1, 0.2]
        try communicator.allreduce(&doubles, operation)
        #expect(doubles == [0.1, 0.2])
    }

    @Test("allgather keeps the buffer, and refuses a partition of another length or part count")
    func allgather() throws {
        var buffer: [Double] = [1, 2, 3]
        try communicator.allgather(&buffer, partition: communicator.evenPartition(of: 3))
        #expect(buffer == [1, 2, 3])
        #expect(throws: DistributedError.lengthMismatch(operation: "allgather", expected: 4, found: 3)) {
            try communicator.allgather(&buffer, partition: communicator.evenPartition(of: 4))
        }
        #expect(throws: DistributedError.partCountMismatch(operation: "allgather", partCount: 2, worldSize: 1)) {
            try communicator.allgather(&buffer, partition: EvenPartition(elementCount: 3, partCount: 2))
        }
    }

    @Test("reduce-scatter gives the whole source as the only shard")
    func reduceScatter() throws {
        let shard = try communicator.reduceScatter([Float](arrayLiteral: 1, 2, 3), partition: communicator.evenPartition(of: 3))
        #expect(shard == [1, 2, 3])
        #expect(throws: DistributedError.lengthMismatch(operation: "reduce-scatter", expected: 2, found: 3)) {
            _ = try communicator.reduceScatter([Float](arrayLiteral: 1, 2, 3), partition: communicator.evenPartition(of: 2))
        }
        let source: [Float] = [4, 5]
        var tooShort: [Float] = [0]
        #expect(throws: DistributedError.lengthMismatch(operation: "reduce-scatter", expected: 2, found: 1)) {
            try source.withUnsafeBufferPointer { whole in
                try tooShort.withUnsafeMutableBufferPointer { part in
                    try communicator.reduceScatter(whole, into: part, partition: communicator.evenPartition(of: 2))
                }
            }
        }
    }

    @Test("broadcast from rank 0 keeps the bytes; another root is refused")
    func broadcast() throws {
        var bytes: [UInt8] = [7, 8]
        try communicator.broadcast(&bytes, from: 0)
        #expect(bytes == [7, 8])
        #expect(throws: DistributedError.invalidRoot(root: 1, worldSize: 1)) {
            try communicator.broadcast(&bytes, from: 1)
        }
    }

    @Test("one rank always agrees with itself")
    func agreement() throws {
        try communicator.requireAgreement(on: [NamedValue("seed", "0"), NamedValue("lr", "0.01")])
        try communicator.requireAgreement(on: [])
    }
}
