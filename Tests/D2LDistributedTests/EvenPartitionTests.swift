import D2LDistributed
import Testing

@Suite("EvenPartition")
struct EvenPartitionTests {
    @Test("10 elements over 4 ranks: 3, 3, 2, 2, in order")
    func example() {
        let partition = EvenPartition(elementCount: 10, partCount: 4)
        #expect((0..<4).map(partition.range(of:)) == [0..<3, 3..<6, 6..<8, 8..<10])
        #expect(partition.largestPartCount == 3)
        #expect(partition.offset(of: 4) == 10)
    }

    @Test("more ranks than elements leaves the last ranks empty")
    func moreRanksThanElements() {
        let partition = EvenPartition(elementCount: 2, partCount: 3)
        #expect((0..<3).map(partition.range(of:)) == [0..<1, 1..<2, 2..<2])
        #expect(EvenPartition(elementCount: 0, partCount: 2).range(of: 1) == 0..<0)
    }

    @Test("the parts tile the buffer in order and their sizes differ by at most one, larger first",
          arguments: 1...7)
    func tiles(partCount: Int) {
        for elementCount in 0...60 {
            let partition = EvenPartition(elementCount: elementCount, partCount: partCount)
            let ranges = (0..<partCount).map(partition.range(of:))
            #expect(ranges.first?.lowerBound == 0)
            #expect(ranges.last?.upperBound == elementCount)
            #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
            let counts = ranges.map(\.count)
            #expect(counts.max()! - counts.min()! <= 1)
            #expect(counts == counts.sorted(by: >))
            #expect(counts == (0..<partCount).map(partition.count(of:)))
        }
    }

    @Test("a communicator partitions into one part per rank")
    func perRank() {
        #expect(LocalCommunicator().evenPartition(of: 5) == EvenPartition(elementCount: 5, partCount: 1))
    }
}
