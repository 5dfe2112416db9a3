import D2LTensor

/// The per-element state of an optimizer over a list of parameters, stored contiguously: one
/// buffer per state slot, holding every parameter's elements one after another.
///
/// Parameter `i` owns elements `offsets[i]..<offsets[i + 1]` of the parameters. Under `Scalar`
/// state (``StatePrecision/float32``) it owns the same elements of each used slot buffer;
/// unused slots are empty. Under 8-bit state, the tensors that are quantized keep their slots
/// in ``quantized`` instead, and the slot buffers hold only the other tensors, still in order
/// (see ``scalarRange(ofParameter:)``). Keeping each slot in one buffer lets a step over many
/// small parameters stream through memory, and makes the state easy to save.
///
/// The state of a sharded optimizer (one rank of a data-parallel group) holds only the
/// elements ``window`` of the flattened parameters (under `Scalar` state only): element `e` of
/// the parameters is element `e − window.lowerBound` of each used slot.
public struct OptimizerState<Scalar: TensorScalar>: Sendable, Equatable, Codable {
    /// The shape of every parameter, in order.
    public private(set) var shapes: [[Int]]
    /// Where each parameter's elements start; one more entry than parameters.
    public private(set) var offsets: [Int]
    /// Slot ``ElementState/first`` for all parameters with `Scalar` state.
    public internal(set) var first: [Scalar]
    /// Slot ``ElementState/second`` for all parameters with `Scalar` state.
    public internal(set) var second: [Scalar]
    /// Slot ``ElementState/third`` for all parameters with `Scalar` state.
    public internal(set) var third: [Scalar]
    /// The slots of the parameters kept in 8 bits (none under ``StatePrecision/float32``).
    public internal(set) var quantized: QuantizedState
    /// The elements of the flattened parameters the slots hold: all of them, unless sharded.
    public private(set) var window: Range<Int>

    /// No parameters.
    public static var empty: OptimizerState { OptimizerState(shapes: [], slots: [], initialValue: { _, _ in 0 }) }

    /// `Scalar` state for parameters of the given shapes, each used slot filled with the
    /// initial value for that parameter index and slot; only for the elements `window` of the
    /// flattened parameters when given (clamped to them), else for all.
    public init(
        shapes: [[Int]], slots: StateSlots, window: Range<Int>? = nil,
        initialValue: (_ parameter: Int, _ slot: StateSlots) -> Scalar
    ) {
        self.init(shapes: shapes, slots: slots, window: window, precision: .float32, nonNegative: [], initialValue: initialValue)
    }

    /// State for parameters of the given shapes under `precision`, each used slot holding the
    /// initial value for that parameter index and slot (quantized with the map `nonNegative`
    /// chooses, where the parameter is quantized); only for the elements `window` when given,
    /// which needs `Scalar` state.
    init(
        shapes: [[Int]], slots: StateSlots, window: Range<Int>? = nil, precision: StatePrecision, nonNegative: StateSlots,
        initialValue: (_ parameter: Int, _ slot: StateSlots) -> Scalar
    ) {
        self.shapes = shapes
        var offsets = [0]
        for shape in shapes { offsets.append(offsets[offsets.count - 1] + shape.reduce(1, *)) }
        self.offsets = offsets
        let held = window?.clamped(to: 0..<offsets[offsets.count - 1]) ?? 0..<offsets[offsets.count - 1]
        self.window = held
        let counts = shapes.map { $0.reduce(1, *) }
        quantized = QuantizedState(
            counts: counts, quantized: { precision.quantizes(elementCount: counts[$0]) }, slots: slots, nonNegative: nonNegative)
        precondition(quantized.elementCount == 0 || held.count == offsets[offsets.count - 1], "a sharded state is kept in Scalar")
        let scalarTotal = held.count - quantized.elementCount
        let quantizedState = quantized
        func buffer(_ slot: StateSlots) -> [Scalar] {
            guard slots.contains(slot) else { return [] }
            var values = [Scalar]()
            values.reserveCapacity(scalarTotal)
            for index in counts.indices where !quantizedState.isQuantized(parameter: index) {
                let count = (offsets[index]..<offsets[index + 1]).clamped(to: held).count
                values.append(contentsOf: repeatElement(initialValue(index, slot), count: count))
            }
            return values
        }
        first = buffer(.first)
        second = buffer(.second)
        third = buffer(.third)
        for index in counts.indices where quantized.isQuantized(parameter: index) {
            for slot in [StateSlots.first, .second, .third] where slots.contains(slot) {
                let value = Float(initialValue(index, slot))
                guard value != 0, let sign = quantized[slot]?.sign else { continue }
                let filled = QuantizedBuffer(Array(repeating: value, count: counts[index]), map: DynamicQuantizationMap(sign), rounding: .nearest)
                quantized.setBuffer(filled, slot: slot, parameter: index)
            }
        }
    }

    /// The number of parameters.
    public var parameterCount: Int { shapes.count }

    /// Where parameter `index`'s elements lie in the `Scalar` slot buffers (empty when the
    /// parameter is quantized).
    public func scalarRange(ofParameter index: Int) -> Range<Int> {
        heldOffset(index) - quantized.codeOffsets[index]..<heldOffset(index + 1) - quantized.codeOffsets[index + 1]
    }

    /// Where parameter `index` starts within ``window``, counted from the window's start.
    private func heldOffset(_ index: Int) -> Int {
        min(max(offsets[index], window.lowerBound), window.upperBound) - window.lowerBound
    }

    /// The bytes the state holds: `Scalar` slots, codes and absmax values.
    public var byteCount: Int {
        MemoryLayout<Scalar>.size * (first.count + second.count + third.count) + quantized.byteCount
    }

    /// The elements of `slot` belonging to parameter `index`, as a tensor of its shape
    /// (dequantized when the parameter keeps 8-bit state).
    ///
    /// - Precondition: the state holds every element (``window`` is not a part).
    public func tensor(slot: StateSlots, parameter index: Int) -> Tensor<Scalar> {
        precondition(window.count == offsets[offsets.count - 1], "a sharded state holds a part of each parameter only")
        if let buffer = quantized.buffer(slot: slot, parameter: index) {
            return try! Tensor(shape: shapes[index], scalars: buffer.dequantized().map { Scalar($0) })
        }
        let buffer = slot == .first ? first : slot == .second ? second : third
        return try! Tensor(shape: shapes[index], scalars: Array(buffer[scalarRange(ofParameter: index)]))
    }
}
