import D2LDistributed
import Foundation

/// A group of ranks that are threads of this process, exchanging buffers through shared memory:
/// multi-rank tests of the data-parallel step in the ordinary test run, without MPI.
///
/// Every collective deposits this rank's buffer, waits for all ranks, combines the buffers in
/// rank order (so sums are deterministic), waits again, and only then lets ranks reuse their
/// buffers.
final class ThreadWorld: @unchecked Sendable {
    let size: Int
    private let condition = NSCondition()
    private var arrived = 0
    private var generation = 0
    private var deposits: [UnsafeMutableRawPointer?]

    init(size: Int) {
        self.size = size
        deposits = Array(repeating: nil, count: size)
    }

    /// Runs `body` on `size` threads, one per rank, and returns their results in rank order.
    static func run<Result: Sendable>(size: Int, _ body: @escaping @Sendable (ThreadCommunicator) throws -> Result) throws -> [Result] {
        let world = ThreadWorld(size: size)
        let results = ResultSlots<Result>(count: size)
        let group = DispatchGroup()
        for rank in 0..<size {
            let thread = Thread {
                results.set(rank, Swift.Result { try body(ThreadCommunicator(world: world, rank: rank)) })
                group.leave()
            }
            thread.stackSize = 8 << 20
            group.enter()
            thread.start()
        }
        group.wait()
        return try results.values.map { try $0!.get() }
    }

    func wait() {
        condition.lock()
        let mine = generation
        arrived += 1
        if arrived == size {
            arrived = 0
            generation += 1
            condition.broadcast()
        } else {
            while generation == mine { condition.wait() }
        }
        condition.unlock()
    }

    /// Deposits `pointer` for `rank`, runs `read` with every rank's deposit once all have
    /// deposited, and returns once every rank has read.
    func exchange(_ pointer: UnsafeMutableRawPointer, rank: Int, read: ([UnsafeMutableRawPointer]) -> Void) {
        condition.lock()
        deposits[rank] = pointer
        condition.unlock()
        wait()
        condition.lock()
        let all = deposits.map { $0! }
        condition.unlock()
        read(all)
        wait()
    }
}

/// The result of each rank's thread.
final class ResultSlots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<Value, any Error>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Result<Value, any Error>) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [Result<Value, any Error>?] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}

/// One rank of a ``ThreadWorld``.
struct ThreadCommunicator: Communicator, @unchecked Sendable {
    let world: ThreadWorld
    let rank: Int
    var size: Int { world.size }

    func barrier() throws(DistributedError) { world.wait() }

    func allreduce<Scalar: CommunicationScalar>(
        _ buffer: UnsafeMutableBufferPointer<Scalar>, _ operation: ReductionOperation
    ) throws(DistributedError) {
        var result = [Scalar]()
        world.exchange(UnsafeMutableRawPointer(buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: 8)!), rank: rank) { all in
            result = (0..<buffer.count).map { i in
                all.dropFirst().reduce(all[0].assumingMemoryBound(to: Scalar.self)[i]) {
                    Self.combine($0, $1.assumingMemoryBound(to: Scalar.self)[i], operation)
                }
            }
        }
        _ = buffer.update(fromContentsOf: result)
        world.wait()
    }

    func allgather<Scalar: CommunicationScalar>(
        _ buffer: UnsafeMutableBufferPointer<Scalar>, partition: EvenPartition
    ) throws(DistributedError) {
        var result = Array(buffer)
        world.exchange(UnsafeMutableRawPointer(buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: 8)!), rank: rank) { all in
            for other in 0..<size {
                for i in partition.range(of: other) { result[i] = all[other].assumingMemoryBound(to: Scalar.self)[i] }
            }
        }
        _ = buffer.update(fromContentsOf: result)
        world.wait()
    }

    func reduceScatter<Scalar: CommunicationScalar>(
        _ source: UnsafeBufferPointer<Scalar>, into shard: UnsafeMutableBufferPointer<Scalar>, partition: EvenPartition
    ) throws(DistributedError) {
        let range = partition.range(of: rank)
        world.exchange(UnsafeMutableRawPointer(mutating: source.baseAddress ?? UnsafePointer(bitPattern: 8)!), rank: rank) { all in
            for (offset, i) in range.enumerated() {
                shard[offset] = all.dropFirst().reduce(all[0].assumingMemoryBound(to: Scalar.self)[i]) {
                    Self.combine($0, $1.assumingMemoryBound(to: Scalar.self)[i], .sum)
                }
            }
        }
    }

    func broadcast(_ bytes: UnsafeMutableRawBufferPointer, from root: Int) throws(DistributedError) {
        var copy = [UInt8]()
        world.exchange(bytes.baseAddress ?? UnsafeMutableRawPointer(bitPattern: 8)!, rank: rank) { all in
            copy = Array(UnsafeRawBufferPointer(start: all[root], count: bytes.count))
        }
        copy.withUnsafeBytes { bytes.copyMemory(from: $0) }
        world.wait()
    }

    /// `a` and `b` combined by `operation` in the element's own arithmetic.
    static func combine<Scalar: CommunicationScalar>(_ a: Scalar, _ b: Scalar, _ operation: ReductionOperation) -> Scalar {
        func apply<T: Comparable & AdditiveArithmetic>(_ type: T.Type) -> Scalar {
            let (x, y) = (unsafeBitCast(a, to: T.self), unsafeBitCast(b, to: T.self))
            return unsafeBitCast(operation == .sum ? x + y : max(x, y), to: Scalar.self)
        }
        switch Scalar.kind {
        case .float32: return apply(Float.self)
        case .float64: return apply(Double.self)
        case .uint64:
            let (x, y) = (unsafeBitCast(a, to: UInt64.self), unsafeBitCast(b, to: UInt64.self))
            return unsafeBitCast(operation == .sum ? x &+ y : max(x, y), to: Scalar.self)
        case .uint8:
            let (x, y) = (unsafeBitCast(a, to: UInt8.self), unsafeBitCast(b, to: UInt8.self))
            return unsafeBitCast(operation == .sum ? x &+ y : max(x, y), to: Scalar.self)
        }
    }
}
