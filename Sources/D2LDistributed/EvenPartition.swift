/// A flat buffer of `elementCount` elements cut into `partCount` contiguous parts whose sizes
/// differ by at most one, the larger parts first.
///
/// Part `p` starts at `p · ⌊N / W⌋ + min(p, N mod W)` and holds `⌊N / W⌋` elements, one more
/// when `p < N mod W`. More parts than elements leave the last parts empty. This is how a sharded
/// optimizer splits the flattened parameters, and how a global minibatch is split over ranks:
///
/// ```swift
/// let partition = EvenPartition(elementCount: 10, partCount: 4)
/// partition.range(of: 0)   // 0..<3
/// partition.range(of: 1)   // 3..<6
/// partition.range(of: 2)   // 6..<8
/// partition.range(of: 3)   // 8..<10
/// EvenPartition(elementCount: 2, partCount: 3).range(of: 2)   // 2..<2, empty
/// ```
///
/// - Complexity: every query is O(1); nothing is allocated.
public struct EvenPartition: Hashable, Sendable {
    /// The number of elements in the whole buffer, at least 0.
    public let elementCount: Int

    /// The number of parts, at least 1.
    public let partCount: Int

    /// Cuts `elementCount` elements into `partCount` contiguous parts.
    ///
    /// - Parameters:
    ///   - elementCount: the length of the buffer; must be ≥ 0.
    ///   - partCount: how many parts, usually the world size; must be ≥ 1.
    public init(elementCount: Int, partCount: Int) {
        precondition(elementCount >= 0, "an even partition needs elementCount ≥ 0, not \(elementCount)")
        precondition(partCount >= 1, "an even partition needs partCount ≥ 1, not \(partCount)")
        self.elementCount = elementCount
        self.partCount = partCount
    }

    /// The number of elements in `part` (`0 ..< partCount`): ⌊N / W⌋ or ⌊N / W⌋ + 1.
    public func count(of part: Int) -> Int {
        precondition((0..<partCount).contains(part), "part \(part) is outside 0..<\(partCount)")
        return elementCount / partCount + (part < elementCount % partCount ? 1 : 0)
    }

    /// The index of the first element of `part` (`0 ... partCount`; `partCount` gives
    /// `elementCount`).
    public func offset(of part: Int) -> Int {
        precondition((0...partCount).contains(part), "part \(part) is outside 0...\(partCount)")
        return part * (elementCount / partCount) + min(part, elementCount % partCount)
    }

    /// The elements of `part` (`0 ..< partCount`).
    public func range(of part: Int) -> Range<Int> {
        let start = offset(of: part)
        return start..<(start + count(of: part))
    }

    /// The number of elements in the largest part, ⌈N / W⌉.
    public var largestPartCount: Int {
        count(of: 0)
    }
}
