import D2LTensor

extension QuantizedState {
    /// Checks a saved 8-bit state against the tensors' element counts and the slots the
    /// algorithms use: offsets that cover each tensor whole or not at all, one absmax per block,
    /// codes and absmax values for exactly the used slots, valid absmax values, the map each
    /// slot's sign calls for.
    func validate(counts: [Int], slots: StateSlots, nonNegative: StateSlots) throws(OptimizerSnapshotError) {
        guard codeOffsets.count == counts.count + 1, blockOffsets.count == counts.count + 1, codeOffsets.first == 0, blockOffsets.first == 0 else {
            throw .invalidState("the 8-bit state has offsets for \(codeOffsets.count - 1) tensors, not \(counts.count)")
        }
        for (index, count) in counts.enumerated() {
            let codes = codeOffsets[index + 1] - codeOffsets[index]
            let blocks = blockOffsets[index + 1] - blockOffsets[index]
            guard (codes == 0 && blocks == 0) || (codes == count && blocks == QuantizedBuffer.blockCount(for: count)) else {
                throw .invalidState("the 8-bit state of tensor \(index) holds \(codes) codes in \(blocks) blocks for \(count) elements")
            }
        }
        for (slot, name) in [(StateSlots.first, "first"), (.second, "second"), (.third, "third")] {
            guard let held = self[slot] else {
                if slots.contains(slot) && elementCount > 0 { throw .invalidState("8-bit state slot \(name) is missing") }
                continue
            }
            guard slots.contains(slot) else { throw .invalidState("8-bit state slot \(name) is not used by the algorithm") }
            guard held.codes.count == elementCount, held.absmax.count == blockOffsets[blockOffsets.count - 1] else {
                throw .invalidState("8-bit state slot \(name) holds \(held.codes.count) codes and \(held.absmax.count) absmax values")
            }
            if let block = held.absmax.firstIndex(where: { !($0 >= 0 && $0.isFinite) }) {
                throw .invalidState("8-bit state slot \(name) has absmax \(held.absmax[block]) in block \(block)")
            }
            guard held.sign == (nonNegative.contains(slot) ? .unsigned : .signed) else {
                throw .invalidState("8-bit state slot \(name) uses the \(held.sign.rawValue) map")
            }
        }
    }
}

extension OptimizerState {
    /// Whether exactly the tensors `precision` quantizes hold 8-bit state.
    func hasLayout(of precision: StatePrecision) -> Bool {
        shapes.indices.allSatisfy { quantized.isQuantized(parameter: $0) == precision.quantizes(elementCount: offsets[$0 + 1] - offsets[$0]) }
    }

    /// "8-bit state for 2 of 3 tensors" or "float state".
    var precisionSummary: String {
        let count = shapes.indices.filter(quantized.isQuantized(parameter:)).count
        return count == 0 ? "\(Scalar.typeName) state" : "8-bit state for \(count) of \(shapes.count) tensors"
    }

    /// The same state under `precision`: 8-bit slots dequantized where `precision` keeps
    /// `Scalar` state, `Scalar` slots quantized to the nearest codes where it quantizes. For
    /// the tensors `storesVariance` names (centred RMSProp), 8-bit slot `first` holds
    /// `v = s − m²` (``CenteredVariance``) and is converted to and from `s`.
    func converted(
        to precision: StatePrecision, slots: StateSlots, nonNegative: StateSlots, storesVariance: (Int) -> Bool
    ) -> OptimizerState {
        var result = OptimizerState(shapes: shapes, slots: slots, precision: precision, nonNegative: nonNegative) { _, _ in 0 }
        for slot in [StateSlots.first, .second, .third] where slots.contains(slot) {
            for index in shapes.indices {
                var values = tensor(slot: slot, parameter: index).scalars
                let wasQuantized = quantized.isQuantized(parameter: index)
                if slot == .first, storesVariance(index), wasQuantized != result.quantized.isQuantized(parameter: index) {
                    let mean = tensor(slot: .second, parameter: index).scalars
                    values = zip(values, mean).map { value, m in wasQuantized ? value + m * m : Swift.max(0, value - m * m) }
                }
                if let sign = result.quantized[slot]?.sign, result.quantized.isQuantized(parameter: index) {
                    let buffer = QuantizedBuffer(values.map { Float($0) }, map: DynamicQuantizationMap(sign), rounding: .nearest)
                    result.quantized.setBuffer(buffer, slot: slot, parameter: index)
                } else {
                    let range = result.scalarRange(ofParameter: index)
                    switch slot {
                    case .first: result.first.replaceSubrange(range, with: values)
                    case .second: result.second.replaceSubrange(range, with: values)
                    default: result.third.replaceSubrange(range, with: values)
                    }
                }
            }
        }
        return result
    }
}

extension StatePrecision {
    /// "float state" or "8-bit state for tensors of at least 4096 elements".
    func summary(_ scalarName: String) -> String {
        switch self {
        case .float32: "\(scalarName) state"
        case let .eightBit(minimumSize, _): "8-bit state for tensors of at least \(minimumSize) elements"
        }
    }
}
