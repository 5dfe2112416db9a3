#if MPI
import CD2LMPI
import COpenMPI

/// ``MPICommunicator``'s reduce-scatter: every rank sends each other rank that rank's part of
/// its buffer directly (nonblocking point-to-point messages), in rounds that share a scratch
/// budget (``scratchElements``) among the other ranks, and sums what it receives into its
/// shard in rank order:
///
/// `shard[i] = ((source₀[i] + source₁[i]) + source₂[i]) + … + source_{N−1}[i]`
///
/// where `source_r` is rank `r`'s buffer at this rank's part. The order is fixed, whatever
/// order the messages arrive in, so the same world size gives the same bits run after run.
/// Round `k + 1`'s messages are posted before round `k` is summed, so that they are under way
/// while it is.
///
/// Each rank sends `(N − 1)/N` of its buffer and receives as much, as a ring would, but in
/// pieces that it reduces as they come, through a scratch buffer of `2 · (N − 1)` rounds that it
/// keeps between calls. Every `MPI_Reduce_scatter` algorithm of Open MPI 4.1 (ring, recursive
/// halving, butterfly) allocates a temporary buffer as large as the whole source and copies the
/// source into it on every call; for 5 × 10⁷ floats on two ranks it took several times as long
/// as this exchange (see BENCHMARKS.md).
struct DirectReduceScatter {
    /// The tag of the messages, on the communicator's own context (collectives use their own).
    static let tag: Int32 = 12

    /// The default scratch budget: 8 Mi elements (32 MB of `Float`), both halves of the double
    /// buffer over all peers counted. Fewer, larger rounds cost fewer handshakes, which is what
    /// counts when the ranks share busy cores; the budget bounds the memory.
    static let defaultScratchElements = 1 << 23

    let handle: MPI_Comm
    let rank: Int
    let size: Int
    /// The scratch budget in elements: at most this many in flight per round over all peers,
    /// both halves of the double buffer counted.
    let scratchElements: Int

    /// Sums every rank's part `rank` of `source` into `shard`, through `scratch`, which holds
    /// at least `scratchCount(_:)` elements.
    func run<Scalar: CommunicationScalar>(
        _ source: UnsafeBufferPointer<Scalar>, into shard: UnsafeMutableBufferPointer<Scalar>,
        partition: EvenPartition, scratch: UnsafeMutableBufferPointer<Scalar>
    ) throws(DistributedError) {
        let mine = partition.range(of: rank)
        guard size > 1 else {
            _ = shard.update(fromContentsOf: source[mine])
            return
        }
        let width = roundWidth(partition)
        let roundCount = (partition.largestPartCount + width - 1) / width
        var requests: [[MPI_Request?]] = [[], []]
        for round in 0...roundCount {
            if round < roundCount {
                requests[round % 2] = try post(round: round, width: width, source, partition: partition, scratch: scratch)
            }
            guard round > 0 else { continue }
            let done = round - 1
            var pending = requests[done % 2]
            try MPIStatus.check(MPI_Waitall(Int32(pending.count), &pending, nil), "MPI_Waitall")
            let lower = done * width
            let upper = min(lower + width, mine.count)
            guard lower < upper else { continue }
            let output = UnsafeMutableBufferPointer(rebasing: shard[lower..<upper])
            for sender in 0..<size {
                let input = sender == rank
                    ? UnsafeBufferPointer(rebasing: source[(mine.lowerBound + lower)..<(mine.lowerBound + upper)])
                    : UnsafeBufferPointer(start: slot(of: sender, round: done, width: width, in: scratch), count: upper - lower)
                if sender == 0 {
                    _ = output.update(fromContentsOf: input)
                } else {
                    try MPIStatus.check(
                        MPI_Reduce_local(input.baseAddress, output.baseAddress, Int32(upper - lower), Scalar.kind.mpiDatatype, d2l_mpi_sum()),
                        "MPI_Reduce_local")
                }
            }
        }
    }

    /// The scratch elements a call over `partition` needs.
    func scratchCount(_ partition: EvenPartition) -> Int {
        size > 1 ? 2 * (size - 1) * roundWidth(partition) : 0
    }

    /// The elements each peer sends per round: the budget shared among the other ranks, at
    /// least 1 and no more than the largest part.
    private func roundWidth(_ partition: EvenPartition) -> Int {
        max(1, min(scratchElements / (2 * max(1, size - 1)), partition.largestPartCount))
    }

    /// Posts round `round`'s receives (from every other rank, into their slots) and sends (to
    /// every other rank, its part of `source`); empty pieces are not sent.
    private func post<Scalar: CommunicationScalar>(
        round: Int, width: Int, _ source: UnsafeBufferPointer<Scalar>, partition: EvenPartition,
        scratch: UnsafeMutableBufferPointer<Scalar>
    ) throws(DistributedError) -> [MPI_Request?] {
        let datatype = Scalar.kind.mpiDatatype
        let lower = round * width
        let receiving = max(0, min(width, partition.count(of: rank) - lower))
        var requests: [MPI_Request?] = []
        requests.reserveCapacity(2 * (size - 1))
        for peer in 0..<size where peer != rank {
            if receiving > 0 {
                var request: MPI_Request?
                try MPIStatus.check(
                    MPI_Irecv(slot(of: peer, round: round, width: width, in: scratch), Int32(receiving), datatype, Int32(peer), Self.tag, handle, &request),
                    "MPI_Irecv")
                requests.append(request)
            }
            let sending = max(0, min(width, partition.count(of: peer) - lower))
            if sending > 0 {
                var request: MPI_Request?
                try MPIStatus.check(
                    MPI_Isend(source.baseAddress! + partition.offset(of: peer) + lower, Int32(sending), datatype, Int32(peer), Self.tag, handle, &request),
                    "MPI_Isend")
                requests.append(request)
            }
        }
        return requests
    }

    /// Where `sender`'s piece of `round` is received: one slot per other rank, in each half of
    /// the double buffer.
    private func slot<Scalar>(of sender: Int, round: Int, width: Int, in scratch: UnsafeMutableBufferPointer<Scalar>) -> UnsafeMutablePointer<Scalar> {
        let peerIndex = sender < rank ? sender : sender - 1
        return scratch.baseAddress! + ((round % 2) * (size - 1) + peerIndex) * width
    }
}
#endif
