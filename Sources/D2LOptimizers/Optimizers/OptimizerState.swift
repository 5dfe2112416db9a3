import D2LTensor

/// The per-element state of an optimizer over a list of parameters, stored contiguously: one
/// buffer per state slot, holding every parameter's elements one after another.
///
/// Parameter `i` owns elements `offsets[i]..<offsets[i + 1]` of each used slot; unused slots
/// are empty. Keeping each slot in one buffer lets a step over many small parameters stream
/// through memory, and makes the state easy to save.
///
/// The state of a sharded optimizer (one rank of a data-parallel group) holds only the
/// elements ``window`` of the flattened parameters: element `e` of the parameters is element
/// `e − window.lowerBound` of each used slot.
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
    /// The elements of the flattened parameters the slots hold: all of them, unless sharded.
    public private(set) var window: Range<Int>

    /// No parameters.
    public static var empty: OptimizerState { OptimizerState(shapes: [], slots: [], initialValue: { _, _ in 0 }) }

    /// State for parameters of the given shapes, each used slot filled with the initial value
    /// for that parameter index and slot; only for the elements `window` of the flattened
    /// parameters when given (clamped to them), else for all.
    public init(
        shapes: [[Int]], slots: StateSlots, window: Range<Int>? = nil,
        initialValue: (_ parameter: Int, _ slot: StateSlots) -> Scalar
    ) {
        self.shapes = shapes
        var offsets = [0]
        for shape in shapes { offsets.append(offsets[offsets.count - 1] + shape.reduce(1, *)) }
        self.offsets = offsets
        let held = window?.clamped(to: 0..<offsets[offsets.count - 1]) ?? 0..<offsets[offsets.count - 1]
        self.window = held
        func buffer(_ slot: StateSlots) -> [Scalar] {
            guard slots.contains(slot) else { return [] }
            var values = [Scalar]()
            values.reserveCapacity(held.count)
            for index in shapes.indices {
                let count = (offsets[index]..<offsets[index + 1]).clamped(to: held).count
                values.append(contentsOf: repeatElement(initialValue(index, slot), count: count))
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
    ///
    /// - Precondition: the state holds every element (``window`` is not a part).
    public func tensor(slot: StateSlots, parameter index: Int) -> Tensor<Scalar> {
        precondition(window.count == offsets[offsets.count - 1], "a sharded state holds a part of each parameter only")
        let buffer = slot == .first ? first : slot == .second ? second : third
        let range = offsets[index]..<offsets[index + 1]
        return try! Tensor(shape: shapes[index], scalars: Array(buffer[range]))
    }
}
