/// The part of an ``OptimizerState`` kept in 8 bits (see ``StatePrecision``): for each state
/// slot, the codes of every quantized tensor back to back and one `Float` absmax per block of
/// 256 of each tensor, the blocks starting at the tensor's first element.
///
/// Tensor `i` holds codes `codeOffsets[i]..<codeOffsets[i + 1]` and absmax values
/// `blockOffsets[i]..<blockOffsets[i + 1]` of every used slot; both ranges are empty for a
/// tensor that keeps `Scalar` state.
public struct QuantizedState: Sendable, Equatable, Codable {
    /// Where each tensor's codes start; one more entry than tensors.
    public private(set) var codeOffsets: [Int]
    /// Where each tensor's absmax values start; one more entry than tensors.
    public private(set) var blockOffsets: [Int]
    /// Slot ``StateSlots/first`` of the quantized tensors, or `nil` when unused.
    public internal(set) var first: QuantizedStateSlot?
    /// Slot ``StateSlots/second``, or `nil` when unused.
    public internal(set) var second: QuantizedStateSlot?
    /// Slot ``StateSlots/third``, or `nil` when unused.
    public internal(set) var third: QuantizedStateSlot?

    /// No quantized tensors among `tensorCount`.
    init(tensorCount: Int) {
        codeOffsets = Array(repeating: 0, count: tensorCount + 1)
        blockOffsets = codeOffsets
    }

    /// Room for the tensors of `counts` elements for which `quantized` holds, every used slot
    /// holding zeros, with the map its sign in `nonNegative` says.
    init(counts: [Int], quantized: (Int) -> Bool, slots: StateSlots, nonNegative: StateSlots) {
        var codeOffsets = [0]
        var blockOffsets = [0]
        for (index, count) in counts.enumerated() {
            let isQuantized = quantized(index)
            codeOffsets.append(codeOffsets[index] + (isQuantized ? count : 0))
            blockOffsets.append(blockOffsets[index] + (isQuantized ? QuantizedBuffer.blockCount(for: count) : 0))
        }
        self.codeOffsets = codeOffsets
        self.blockOffsets = blockOffsets
        func slot(_ slot: StateSlots) -> QuantizedStateSlot? {
            guard slots.contains(slot), codeOffsets[counts.count] > 0 else { return nil }
            return QuantizedStateSlot(
                sign: nonNegative.contains(slot) ? .unsigned : .signed,
                codes: Array(repeating: 0, count: codeOffsets[counts.count]),
                absmax: Array(repeating: 0, count: blockOffsets[counts.count]))
        }
        first = slot(.first)
        second = slot(.second)
        third = slot(.third)
    }

    /// Whether tensor `index` keeps 8-bit state.
    public func isQuantized(parameter index: Int) -> Bool {
        codeOffsets[index + 1] > codeOffsets[index]
    }

    /// The number of quantized elements (of one slot).
    public var elementCount: Int { codeOffsets[codeOffsets.count - 1] }

    /// Slot `slot`.
    subscript(slot: StateSlots) -> QuantizedStateSlot? {
        get { slot == .first ? first : slot == .second ? second : third }
        set {
            switch slot {
            case .first: first = newValue
            case .second: second = newValue
            default: third = newValue
            }
        }
    }

    /// Bytes held: codes and absmax values of every used slot.
    public var byteCount: Int {
        [first, second, third].reduce(0) { $0 + ($1.map { $0.codes.count + MemoryLayout<Float>.size * $0.absmax.count } ?? 0) }
    }

    /// Tensor `index`'s part of slot `slot` as a ``QuantizedBuffer``; `nil` unless the tensor
    /// is quantized and the slot used.
    public func buffer(slot: StateSlots, parameter index: Int) -> QuantizedBuffer? {
        guard isQuantized(parameter: index), let quantized = self[slot] else { return nil }
        return try? QuantizedBuffer(
            codes: Array(quantized.codes[codeOffsets[index]..<codeOffsets[index + 1]]),
            absmax: Array(quantized.absmax[blockOffsets[index]..<blockOffsets[index + 1]]),
            map: DynamicQuantizationMap(quantized.sign))
    }

    /// Replaces tensor `index`'s part of slot `slot` with `buffer` (of the tensor's size).
    mutating func setBuffer(_ buffer: QuantizedBuffer, slot: StateSlots, parameter index: Int) {
        guard var quantized = self[slot] else { return }
        self[slot] = nil
        quantized.codes.replaceSubrange(codeOffsets[index]..<codeOffsets[index + 1], with: buffer.codes)
        quantized.absmax.replaceSubrange(blockOffsets[index]..<blockOffsets[index + 1], with: buffer.absmax)
        self[slot] = quantized
    }
}

/// One state slot of the quantized tensors: codes of a dynamic map and one absmax per block.
public struct QuantizedStateSlot: Sendable, Equatable, Codable {
    /// The map the codes index: unsigned for a non-negative slot, else signed.
    public let sign: DynamicQuantizationMap.Sign
    /// One code per element.
    public internal(set) var codes: [UInt8]
    /// One scale per block of 256 elements of each tensor.
    public internal(set) var absmax: [Float]
}
