#if MPI
import CD2LMPI
import COpenMPI

/// The processes started together by `mpirun`, communicating through Open MPI (built with the
/// package trait `MPI`).
///
/// ```swift
/// let communicator = try MPICommunicator.world()   // initializes MPI on first use
/// var gradient: [Float] = computeGradient()
/// try communicator.allreduce(&gradient, .sum)
/// try MPICommunicator.finalize()                   // every rank, after a successful run
/// ```
///
/// ```sh
/// swift build -c release --traits MPI
/// mpirun -np 4 .build/release/my-trainer
/// ```
///
/// The communicator is a duplicate of `MPI_COMM_WORLD` with the error handler
/// `MPI_ERRORS_RETURN`, so its traffic never mixes with the program's own MPI calls and a failed
/// call throws ``DistributedError/mpiFailure(operation:code:message:)`` instead of ending the
/// job. A run that succeeds ends with ``finalize()`` on every rank; a run that fails exits with a
/// non-zero status without it, and `mpirun` then stops every rank (see <doc:LostRanks>).
public final class MPICommunicator: Communicator {
    /// This process's rank in `MPI_COMM_WORLD`.
    public let rank: Int

    /// The number of processes in `MPI_COMM_WORLD`.
    public let size: Int

    private let handle: MPI_Comm

    /// The reduce-scatter's scratch buffer, grown as needed and kept.
    private var scratch = UnsafeMutableRawBufferPointer(start: nil, count: 0)

    /// The elements the reduce-scatter keeps in flight per round, over all other ranks and both
    /// halves of its double buffer; the checks make it small to run many rounds.
    package var reduceScatterScratchElements = DirectReduceScatter.defaultScratchElements

    private init(handle: MPI_Comm) throws(DistributedError) {
        var rank: Int32 = 0
        var size: Int32 = 0
        try MPIStatus.check(MPI_Comm_rank(handle, &rank), "MPI_Comm_rank")
        try MPIStatus.check(MPI_Comm_size(handle, &size), "MPI_Comm_size")
        self.handle = handle
        self.rank = Int(rank)
        self.size = Int(size)
    }

    /// Every process of the job, as a new communicator; initializes MPI
    /// (`MPI_THREAD_SERIALIZED`) if the program has not.
    ///
    /// Each call is collective: every rank makes the same calls. Outside `mpirun` the process
    /// is a world of its own, of size 1.
    public static func world() throws(DistributedError) -> MPICommunicator {
        var initialized: Int32 = 0
        var finalized: Int32 = 0
        try MPIStatus.check(MPI_Initialized(&initialized), "MPI_Initialized")
        try MPIStatus.check(MPI_Finalized(&finalized), "MPI_Finalized")
        guard finalized == 0 else { throw .mpiFinalized }
        if initialized == 0 {
            var provided: Int32 = 0
            try MPIStatus.check(
                MPI_Init_thread(nil, nil, d2l_mpi_thread_serialized(), &provided), "MPI_Init_thread"
            )
        }
        var handle: MPI_Comm?
        try MPIStatus.check(MPI_Comm_dup(d2l_mpi_comm_world(), &handle), "MPI_Comm_dup")
        guard let handle else { throw .mpiFailure(operation: "MPI_Comm_dup", code: -1, message: "no communicator") }
        try MPIStatus.check(MPI_Comm_set_errhandler(handle, d2l_mpi_errors_return()), "MPI_Comm_set_errhandler")
        return try MPICommunicator(handle: handle)
    }

    /// Returns once every rank has called it (`MPI_Barrier`).
    public func barrier() throws(DistributedError) {
        try collective("MPI_Barrier") { MPI_Ibarrier(handle, $0) }
    }

    /// `MPI_Allreduce` in place (as `MPI_Iallreduce`, waited for without spinning).
    public func allreduce<Scalar: CommunicationScalar>(
        _ buffer: UnsafeMutableBufferPointer<Scalar>, _ operation: ReductionOperation
    ) throws(DistributedError) {
        let count = try MPIStatus.count(buffer.count, "MPI_Allreduce")
        try collective("MPI_Allreduce") {
            MPI_Iallreduce(
                d2l_mpi_in_place(), buffer.baseAddress, count, Scalar.kind.mpiDatatype, operation.mpiOperation, handle, $0
            )
        }
    }

    /// `MPI_Allgatherv` in place, with the counts and offsets of `partition` (as
    /// `MPI_Iallgatherv`, waited for without spinning).
    public func allgather<Scalar: CommunicationScalar>(
        _ buffer: UnsafeMutableBufferPointer<Scalar>, partition: EvenPartition
    ) throws(DistributedError) {
        try checkWhole(buffer.count, partition: partition, operation: "allgather")
        let (counts, offsets) = try layout(of: partition, "MPI_Allgatherv")
        let datatype = Scalar.kind.mpiDatatype
        try collective("MPI_Allgatherv") {
            MPI_Iallgatherv(d2l_mpi_in_place(), 0, datatype, buffer.baseAddress, counts, offsets, datatype, handle, $0)
        }
    }

    /// The sum over ranks of `source`, this rank's part of it into `shard`: each rank sends the
    /// others their parts directly, in pipelined rounds, and sums what it receives in rank order
    /// (`((source₀ + source₁) + …) + source_{N−1}`), the same bits whatever the order of
    /// arrival (see `DirectReduceScatter`). Its scratch buffer is kept between calls.
    public func reduceScatter<Scalar: CommunicationScalar>(
        _ source: UnsafeBufferPointer<Scalar>, into shard: UnsafeMutableBufferPointer<Scalar>,
        partition: EvenPartition
    ) throws(DistributedError) {
        try checkWhole(source.count, partition: partition, operation: "reduce-scatter")
        try checkShard(shard.count, partition: partition, operation: "reduce-scatter")
        let reduction = DirectReduceScatter(handle: handle, rank: rank, size: size, scratchElements: reduceScatterScratchElements)
        let count = reduction.scratchCount(partition)
        if scratch.count < count * MemoryLayout<Scalar>.stride {
            scratch.deallocate()
            scratch = .allocate(byteCount: count * MemoryLayout<Scalar>.stride, alignment: 64)
        }
        let elements = scratch.baseAddress?.bindMemory(to: Scalar.self, capacity: count)
        try reduction.run(source, into: shard, partition: partition, scratch: UnsafeMutableBufferPointer(start: elements, count: count))
    }

    /// `MPI_Bcast` of `bytes` from `root` (as `MPI_Ibcast`, waited for without spinning).
    public func broadcast(_ bytes: UnsafeMutableRawBufferPointer, from root: Int) throws(DistributedError) {
        try checkRoot(root)
        let count = try MPIStatus.count(bytes.count, "MPI_Bcast")
        try collective("MPI_Bcast") { MPI_Ibcast(bytes.baseAddress, count, d2l_mpi_byte(), Int32(root), handle, $0) }
    }

    /// Finalizes MPI (`MPI_Finalize`), if it is initialized and not yet finalized.
    ///
    /// Call it on every rank at the end of a successful run, after the last collective. Do not
    /// call it on a failure that only some ranks see: `MPI_Finalize` waits for every rank, and
    /// the others wait in their next collective, so the job would hang. Exit with a non-zero
    /// status instead; `mpirun` then stops every rank within a second or two.
    public static func finalize() throws(DistributedError) {
        var initialized: Int32 = 0
        var finalized: Int32 = 0
        try MPIStatus.check(MPI_Initialized(&initialized), "MPI_Initialized")
        try MPIStatus.check(MPI_Finalized(&finalized), "MPI_Finalized")
        guard initialized != 0, finalized == 0 else { return }
        try MPIStatus.check(MPI_Finalize(), "MPI_Finalize")
    }

    deinit {
        scratch.deallocate()
    }

    /// Starts a non-blocking collective (`start` passes its request on) and waits for it with
    /// `d2l_mpi_wait`, which sleeps between tests instead of spinning: with ranks sharing cores,
    /// a spinning rank takes the core the rank it waits for needs.
    private func collective(_ operation: String, _ start: (UnsafeMutablePointer<MPI_Request?>) -> Int32) throws(DistributedError) {
        var request: MPI_Request?
        try MPIStatus.check(start(&request), operation)
        try MPIStatus.check(d2l_mpi_wait(&request), operation)
    }

    /// Each rank's count and offset in `partition`, as MPI's `int` arrays.
    private func layout(of partition: EvenPartition, _ operation: String) throws(DistributedError) -> ([Int32], [Int32]) {
        var counts: [Int32] = []
        var offsets: [Int32] = []
        for part in 0..<partition.partCount {
            counts.append(try MPIStatus.count(partition.count(of: part), operation))
            offsets.append(try MPIStatus.count(partition.offset(of: part), operation))
        }
        return (counts, offsets)
    }
}
#endif
