/// One 8-bit state slot of one tensor (or of a part of it that starts on a block boundary), as
/// the fused kernel reads and writes it: codes, one absmax per block of 256, the map's codec
/// and the rounding of this step.
@usableFromInline
package struct QuantizedSlotBuffer {
    /// The codes, one per element.
    let codes: UnsafeMutablePointer<UInt8>
    /// One absmax per block of ``BlockCodec/blockSize`` elements from `codes[0]`.
    let absmax: UnsafeMutablePointer<Float>
    /// The slot's map.
    let codec: BlockCodec
    /// How this step rounds the slot back to codes.
    let rounding: QuantizationRounding

    /// The part from element `start`, a multiple of the block size.
    func advanced(by start: Int) -> QuantizedSlotBuffer {
        QuantizedSlotBuffer(codes: codes + start, absmax: absmax + start / BlockCodec.blockSize, codec: codec, rounding: rounding)
    }
}

/// The 8-bit state slots of one tensor (or a block-aligned part of it): what a
/// ``StateBuffers`` carries instead of `Scalar` buffers when its tensor keeps 8-bit state.
@usableFromInline
package struct QuantizedStateBuffers {
    /// Slot ``StateSlots/first``, or `nil` when unused.
    var first: QuantizedSlotBuffer?
    /// Slot ``StateSlots/second``, or `nil` when unused.
    var second: QuantizedSlotBuffer?
    /// Slot ``StateSlots/third``, or `nil` when unused.
    var third: QuantizedSlotBuffer?
    /// The number of elements.
    let count: Int
    /// The index of element 0 in the optimizer's whole state, which seeds stochastic rounding.
    let firstIndex: Int

    init(first: QuantizedSlotBuffer?, second: QuantizedSlotBuffer?, third: QuantizedSlotBuffer?, count: Int, firstIndex: Int) {
        self.first = first
        self.second = second
        self.third = third
        self.count = count
        self.firstIndex = firstIndex
    }

    /// The elements `range`, which must start on a block boundary.
    func slice(_ range: Range<Int>) -> QuantizedStateBuffers {
        precondition(range.lowerBound % BlockCodec.blockSize == 0 && range.upperBound <= count, "8-bit state is split on block boundaries")
        let start = range.lowerBound
        return QuantizedStateBuffers(
            first: first?.advanced(by: start), second: second?.advanced(by: start), third: third?.advanced(by: start),
            count: range.count, firstIndex: firstIndex + start)
    }
}
