import D2LTensor

extension QuantizedState {
    /// Calls `body` with every 8-bit slot whole, as pointers with its map's codec and this
    /// step's rounding (`nil` for unused slots; no codec is built when nothing is quantized).
    mutating func withSlotBuffers<Result>(
        rounding: StateRounding, step: Int, _ body: (WholeQuantizedSlots) -> Result
    ) -> Result {
        let codeOffsets = codeOffsets
        let blockOffsets = blockOffsets
        guard elementCount > 0 else {
            return body(WholeQuantizedSlots(first: nil, second: nil, third: nil, codeOffsets: codeOffsets, blockOffsets: blockOffsets))
        }
        return DynamicQuantizationMap.signed.withBlockCodec { signed in
            DynamicQuantizationMap.unsigned.withBlockCodec { unsigned in
                func codec(_ sign: DynamicQuantizationMap.Sign) -> BlockCodec { sign == .signed ? signed : unsigned }
                return Self.withBuffer(&first, codec, rounding.quantizationRounding(slot: 0, step: step)) { first in
                    Self.withBuffer(&second, codec, rounding.quantizationRounding(slot: 1, step: step)) { second in
                        Self.withBuffer(&third, codec, rounding.quantizationRounding(slot: 2, step: step)) { third in
                            body(WholeQuantizedSlots(
                                first: first, second: second, third: third, codeOffsets: codeOffsets, blockOffsets: blockOffsets))
                        }
                    }
                }
            }
        }
    }

    /// Calls `body` with `slot` as pointers, or `nil` when it is.
    private static func withBuffer<Result>(
        _ slot: inout QuantizedStateSlot?, _ codec: (DynamicQuantizationMap.Sign) -> BlockCodec, _ rounding: QuantizationRounding,
        _ body: (QuantizedSlotBuffer?) -> Result
    ) -> Result {
        guard var held = slot else { return body(nil) }
        slot = nil
        defer { slot = held }
        let slotCodec = codec(held.sign)
        return held.codes.withUnsafeMutableBufferPointer { codes in
            held.absmax.withUnsafeMutableBufferPointer { absmax in
                body(QuantizedSlotBuffer(codes: codes.baseAddress!, absmax: absmax.baseAddress!, codec: slotCodec, rounding: rounding))
            }
        }
    }
}

/// Every 8-bit slot of an optimizer's state, whole, during a step.
struct WholeQuantizedSlots {
    let first: QuantizedSlotBuffer?
    let second: QuantizedSlotBuffer?
    let third: QuantizedSlotBuffer?
    let codeOffsets: [Int]
    let blockOffsets: [Int]
}

/// Every state slot whole during a step (see `Optimizer.withWholeStateBuffers`): the `Scalar`
/// slots and the 8-bit ones, from which each tensor's state is cut.
struct WholeStateBuffers<Scalar: TensorScalar> {
    /// The `Scalar` slots of the tensors that keep `Scalar` state (of their elements in the
    /// state's window).
    let scalars: StateBuffers<Scalar>
    /// The 8-bit slots of the others.
    let quantized: WholeQuantizedSlots
    /// Where each tensor's elements start.
    let offsets: [Int]
    /// The first element of the flattened parameters the state holds (0 unless sharded).
    let windowStart: Int

    /// The state of `elements` of tensor `index`: its 8-bit slots if it has them (then
    /// `elements` are all of the tensor's), else its `Scalar` slots.
    func state(ofTensor index: Int, elements: Range<Int>) -> StateBuffers<Scalar> {
        let codeStart = quantized.codeOffsets[index]
        guard quantized.codeOffsets[index + 1] == codeStart else {
            precondition(elements == offsets[index]..<offsets[index + 1], "8-bit state is walked a whole tensor at a time")
            let blockStart = quantized.blockOffsets[index]
            func part(_ slot: QuantizedSlotBuffer?) -> QuantizedSlotBuffer? {
                slot.map {
                    QuantizedSlotBuffer(codes: $0.codes + codeStart, absmax: $0.absmax + blockStart, codec: $0.codec, rounding: $0.rounding)
                }
            }
            return StateBuffers(quantized: QuantizedStateBuffers(
                first: part(quantized.first), second: part(quantized.second), third: part(quantized.third),
                count: elements.count, firstIndex: offsets[index]))
        }
        let start = elements.lowerBound - windowStart - codeStart
        return scalars.slice(start..<start + elements.count)
    }
}
