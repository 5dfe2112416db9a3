/// Where each tensor of a model lives in one contiguous buffer: tensor `i` of shape
/// `shapes[i]` is elements `offsets[i]..<offsets[i + 1]`, in row-major order, one tensor after
/// another with no gaps.
///
/// ```swift
/// let layout = try ArenaLayout(shapes: [[784, 128], [128], [128, 10], [10]])
/// layout.elementCount          // 101_770
/// layout.range(ofTensor: 1)    // 100_352..<100_480
/// ```
///
/// The layout is the same as ``OptimizerState``'s, so an ``Optimizer`` stepping an arena
/// updates every tensor in a single pass over the parameter, gradient and state buffers.
public struct ArenaLayout: Sendable, Equatable, Codable {
    /// The shape of every tensor, in order.
    public let shapes: [[Int]]
    /// Where each tensor starts; one more entry than tensors, the last being ``elementCount``.
    public let offsets: [Int]

    /// A layout for tensors of the given shapes.
    ///
    /// - Throws: ``OptimizerError/shapeMismatch(_:)`` for a negative dimension.
    public init(shapes: [[Int]]) throws(OptimizerError) {
        var offsets = [0]
        offsets.reserveCapacity(shapes.count + 1)
        for (index, shape) in shapes.enumerated() {
            guard shape.allSatisfy({ $0 >= 0 }) else {
                throw .shapeMismatch("tensor \(index) has a negative dimension in \(shape)")
            }
            offsets.append(offsets[offsets.count - 1] + shape.reduce(1, *))
        }
        self.shapes = shapes
        self.offsets = offsets
    }

    /// The number of tensors.
    public var tensorCount: Int { shapes.count }

    /// The number of scalars of all tensors together.
    public var elementCount: Int { offsets[offsets.count - 1] }

    /// The elements of tensor `index`.
    ///
    /// - Precondition: `index` is in `0..<tensorCount`.
    @inlinable
    public func range(ofTensor index: Int) -> Range<Int> {
        offsets[index]..<offsets[index + 1]
    }
}
