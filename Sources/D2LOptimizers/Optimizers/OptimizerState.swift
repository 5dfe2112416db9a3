import D2LTensor

/// The per-element state of an optimizer over a list of parameters, stored contiguously: one
/// buffer per state slot, holding every parameter's elements one after another.
///
/// Parameter `i` owns elements `offsets[i]..<offsets[i + 1]` of each used slot; unused slots
/// are empty. Keeping each slot in one buffer lets a step over many small parameters stream
/// through memory, and makes the state easy to save.
public struct OptimizerState<Scalar: TensorScalar>: Sendable, Equatable, Codable {
    /// The shape of every parameter, in order.
    public private(set) var shapes: [[Int]]
    /// Where each parameter's elements start in a slot buffer; one more entry than parameters.
    public private(set) var offsets: [Int]
    /// Slot ``ElementState/first`` for all parameters.
    public internal(set) var first: [Scalar]
    /// Slot ``ElementState/second`` for all parameters.
    public internal(set) var second: [Scalar]
    /// Slot ``ElementState/third`` for all parameters.
    public internal(set) var third: [Scalar]

    /// No parameters.
    public static var empty: OptimizerState { OptimizerState(shapes: [], slots: [], initialValue: { _, _ in 0 }) }

    /// State for parameters of the given shapes, each used slot filled with the initial value
    /// for that parameter index and slot.
    public init(shapes: [[Int]], slots: StateSlots, initialValue: (_ parameter: Int, _ slot: StateSlots) -> Scalar) {
        self.shapes = shapes
        var offsets = [0]
        for shape in shapes { offsets.append(offsets[offsets.count - 1] + shape.reduce(1, *)) }
        self.offsets = offsets
        let total = offsets[offsets.count - 1]
        func buffer(_ slot: StateSlots) -> [Scalar] {
            guard slots.contains(slot) else { return [] }
            var values = [Scalar]()
            values.reserveCapacity(total)
            for (index, shape) in shapes.enumerated() {
                values.append(contentsOf: repeatElement(initialValue(index, slot), count: shape.reduce(1, *)))
            }
            return values
        }
        first = buffer(.first)
        second = buffer(.second)
        third = buffer(.third)
    }

    /// The number of parameters.
    public var parameterCount: Int { shapes.count }

    /// The elements of `slot` belonging to parameter `index`, as a tensor of its shape.
    public func tensor(slot: StateSlots, parameter index: Int) -> Tensor<Scalar> {
        let buffer = slot == .first ? first : slot == .second ? second : third
        let range = offsets[index]..<offsets[index + 1]
        return try! Tensor(shape: shapes[index], scalars: Array(buffer[range]))
    }
}
