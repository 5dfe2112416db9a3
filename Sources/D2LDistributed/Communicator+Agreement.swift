extension Communicator {
    /// Throws ``DistributedError/disagreement(name:rank:value:referenceValue:)``, on every rank
    /// alike, unless every rank passes the same `items` in the same order.
    ///
    /// Ranks started with different options would otherwise train into garbage without an
    /// error; call this at start with every option that must match (seed, data digest,
    /// hyperparameters). The error names the first item that differs, the lowest rank that
    /// differs from rank 0, and both values:
    ///
    /// ```
    /// ranks were started with different options: seed is 1 on rank 1 but 0 on rank 0; start every rank with the same options
    /// ```
    ///
    /// Ranks exchange one 64-bit digest (FNV-1a of name and value) per item, then the texts of
    /// the first differing item only. A list shorter than another's lacks the extra items: their
    /// value is `"(not given)"`. Texts longer than 500 bytes are compared by digest and shown cut.
    ///
    /// - Complexity: two collectives (an allreduce of one number, an allgather of
    ///   `size` × (`items.count` + 1) digests), and one allgather of `size` × 1005 bytes more
    ///   when the ranks disagree.
    public func requireAgreement(on items: [NamedValue]) throws(DistributedError) {
        var longest = [UInt64(items.count)]
        try allreduce(&longest, .maximum)
        let slots = Int(longest[0]) + 1
        var digests = [UInt64](repeating: 0, count: slots * size)
        let partition = evenPartition(of: digests.count)
        digests[partition.offset(of: rank)] = UInt64(items.count)
        for (index, item) in items.enumerated() {
            var hash = StableHash()
            hash.combine(item.name)
            hash.combine(item.value)
            digests[partition.offset(of: rank) + 1 + index] = hash.value
        }
        try allgather(&digests, partition: partition)
        guard let (slot, differing) = firstDifference(in: digests, slots: slots) else { return }
        guard slot > 0 else {
            throw .disagreement(
                name: "the number of options", rank: differing,
                value: "\(digests[differing * slots])", referenceValue: "\(digests[0])"
            )
        }
        let theirs = try describe(slot - 1 < items.count ? items[slot - 1] : nil, ranks: [0, differing])
        throw .disagreement(
            name: theirs[0]?.name ?? theirs[1]?.name ?? "option \(slot)",
            rank: differing,
            value: theirs[1]?.value ?? "(not given)",
            referenceValue: theirs[0]?.value ?? "(not given)"
        )
    }

    /// The first item slot (0 is the item count) where some rank's digest differs from rank 0's,
    /// and the lowest such rank; `nil` when all agree. Items come before the count, so that a
    /// missing option is named.
    private func firstDifference(in digests: [UInt64], slots: Int) -> (slot: Int, rank: Int)? {
        for slot in Array(1..<slots) + [0] {
            for other in 1..<size where digests[other * slots + slot] != digests[slot] {
                return (slot, other)
            }
        }
        return nil
    }

    /// Rank 0's and rank `ranks[1]`'s `item` (each `nil` where that rank lacks it), exchanged as
    /// fixed slots of text so that every rank can name both values.
    private func describe(_ item: NamedValue?, ranks: [Int]) throws(DistributedError) -> [NamedValue?] {
        var texts = [UInt8](repeating: 0, count: TextSlot.byteCount * size)
        let partition = evenPartition(of: texts.count)
        if let item, ranks.contains(rank) {
            texts.replaceSubrange(partition.range(of: rank), with: TextSlot.encode(item))
        }
        try allgather(&texts, partition: partition)
        return ranks.map { TextSlot.decode(texts[partition.range(of: $0)]) }
    }
}
