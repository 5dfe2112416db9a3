import D2LDistributed

/// Runs every collective on buffers whose lengths do not divide by the world size and compares
/// each element with the value the collective must produce, which is exact in Float and Double
/// for these contributions. Failures are collected, not thrown, so that every rank goes through
/// the same collectives.
struct CollectiveChecks {
    let communicator: any Communicator

    /// One line per wrong result on this rank.
    private(set) var failures: [String] = []

    init(communicator: any Communicator) {
        self.communicator = communicator
    }

    /// Lengths around the world size and a few that do not divide by 2, 3 or 4.
    var lengths: [Int] {
        let size = communicator.size
        return Array(Set([0, 1, 2, size - 1, size, size + 1, 7, 1000, 1003, 65_537])).sorted()
    }

    /// ∑ (rank + 1) over the ranks.
    private var rankSum: Int {
        communicator.size * (communicator.size + 1) / 2
    }

    mutating func runAll() throws(DistributedError) {
        for count in lengths {
            try checkAllreduce(Float.self, count: count)
            try checkAllreduce(Double.self, count: count)
            try checkIntegerSum(count: count)
            try checkAllgather(Float.self, count: count)
            try checkAllgather(Double.self, count: count)
            try checkReduceScatter(Float.self, count: count)
            try checkReduceScatter(Double.self, count: count)
            try checkBroadcast(count: count)
        }
        #if MPI
        if let mpi = communicator as? MPICommunicator {
            // Again in rounds of 64 elements per rank: many of them, and at 65,537 elements on
            // 2 ranks one rank's part takes a round more than the other's.
            let budget = mpi.reduceScatterScratchElements
            mpi.reduceScatterScratchElements = 2 * 64 * max(1, communicator.size - 1)
            defer { mpi.reduceScatterScratchElements = budget }
            for count in lengths {
                try checkReduceScatter(Float.self, count: count)
                try checkReduceScatter(Double.self, count: count)
            }
        }
        #endif
        try checkAgreement()
    }

    private mutating func checkAllreduce<Scalar: CommunicationScalar & BinaryFloatingPoint>(
        _: Scalar.Type, count: Int
    ) throws(DistributedError) {
        let rank = communicator.rank
        var sums = (0..<count).map { Scalar(rank + 1) * Scalar($0 % 13 + 1) }
        try communicator.allreduce(&sums, .sum)
        let total = Scalar(rankSum)
        expect("allreduce sum", sums) { total * Scalar($0 % 13 + 1) }
        let size = communicator.size
        var maxima = (0..<count).map { rank == $0 % size ? Scalar(100 + $0) : Scalar($0) }
        try communicator.allreduce(&maxima, .maximum)
        expect("allreduce maximum", maxima) { Scalar(100 + $0) }
    }

    private mutating func checkIntegerSum(count: Int) throws(DistributedError) {
        var sums = [UInt64](repeating: UInt64(communicator.rank + 1) << 40, count: count)
        try communicator.allreduce(&sums, .sum)
        let total = UInt64(rankSum) << 40
        expect("allreduce sum", sums) { _ in total }
    }

    private mutating func checkAllgather<Scalar: CommunicationScalar & BinaryFloatingPoint>(
        _: Scalar.Type, count: Int
    ) throws(DistributedError) {
        let partition = communicator.evenPartition(of: count)
        let mine = partition.range(of: communicator.rank)
        var buffer = (0..<count).map { mine.contains($0) ? Scalar($0) / 4 : -1 }
        try communicator.allgather(&buffer, partition: partition)
        expect("allgather", buffer) { Scalar($0) / 4 }
    }

    private mutating func checkReduceScatter<Scalar: CommunicationScalar & BinaryFloatingPoint>(
        _: Scalar.Type, count: Int
    ) throws(DistributedError) {
        let partition = communicator.evenPartition(of: count)
        let source = (0..<count).map { Scalar(communicator.rank + 1) * Scalar($0 % 101) }
        let shard = try communicator.reduceScatter(source, partition: partition)
        let start = partition.offset(of: communicator.rank)
        let total = Scalar(rankSum)
        guard shard.count == partition.count(of: communicator.rank) else {
            return fail("reduce-scatter of \(count) elements gave \(shard.count), expected \(partition.count(of: communicator.rank))")
        }
        expect("reduce-scatter", shard) { total * Scalar((start + $0) % 101) }
    }

    private mutating func checkBroadcast(count: Int) throws(DistributedError) {
        let root = communicator.size - 1
        let pattern = (0..<count).map { UInt8(truncatingIfNeeded: $0 * 31 + root) }
        var bytes = communicator.rank == root ? pattern : [UInt8](repeating: 0, count: count)
        try communicator.broadcast(&bytes, from: root)
        expect("broadcast", bytes) { pattern[$0] }
    }

    /// Equal lists pass; a list with one more item on the last rank is named by that item.
    private mutating func checkAgreement() throws(DistributedError) {
        let common = [NamedValue("seed", "0"), NamedValue("lr", "0.01")]
        try communicator.requireAgreement(on: common)
        guard communicator.size > 1 else { return }
        let last = communicator.size - 1
        let extra = communicator.rank == last ? [NamedValue("hidden", "256,256")] : []
        do {
            try communicator.requireAgreement(on: common + extra)
            fail("agreement: an extra option on rank \(last) was not noticed")
        } catch {
            let expected = DistributedError.disagreement(
                name: "hidden", rank: last, value: "256,256", referenceValue: "(not given)"
            )
            if error != expected { fail("agreement: \(error), expected \(expected)") }
        }
    }

    private mutating func expect<Element: Equatable>(
        _ operation: String, _ found: [Element], _ expected: (Int) -> Element
    ) {
        guard let index = found.indices.first(where: { found[$0] != expected($0) }) else { return }
        fail("\(operation) of \(found.count) \(Element.self) elements: element \(index) is \(found[index]), expected \(expected(index))")
    }

    private mutating func fail(_ message: String) {
        failures.append("rank \(communicator.rank): \(message)")
    }
}
