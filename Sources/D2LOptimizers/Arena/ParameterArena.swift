import D2LTensor

/// A model's parameters and their gradients, each in one contiguous buffer, with the tensors
/// as views at offsets: an ``Optimizer`` steps all of them in one kernel pass instead of one
/// call per tensor.
///
/// ```swift
/// var arena = try ParameterArena<Float>(shapes: [[1000]], count: 2000)   // 2,000 tensors
/// var optimizer = try Optimizer<Float>(RMSProp(learningRate: 0.01))
/// for batch in batches {
///     for i in 0..<arena.layout.tensorCount {
///         arena.withGradients(ofTensor: i) { g in fillGradient(i, batch, into: g) }
///     }
///     try optimizer.step(&arena)        // one fused pass over 2,000,000 elements
/// }
/// let first = arena.parameterTensor(0)
/// ```
///
/// Keep the arena's buffers as the model's storage (read ``parameters`` and write the
/// gradients through ``withGradients(ofTensor:_:)``), or
/// keep buffers of your own and step them with
/// ``Optimizer/step(parameters:gradients:layout:)``, which takes any contiguous memory laid out
/// as an ``ArenaLayout``.
///
/// - Complexity: a step is one pass over all elements, split over threads for large arenas as
///   ``KernelParallelism`` allows; it allocates nothing.
public struct ParameterArena<Scalar: TensorScalar>: Sendable {
    /// Where each tensor lives in the buffers.
    public let layout: ArenaLayout
    /// Every tensor's parameters, one after another.
    public var parameters: [Scalar]
    /// Every tensor's gradients, laid out like ``parameters``.
    public var gradients: [Scalar]

    /// An arena for tensors of the given shapes, parameters filled with `value`, gradients 0.
    ///
    /// - Throws: ``OptimizerError/shapeMismatch(_:)`` for a negative dimension.
    public init(shapes: [[Int]], repeating value: Scalar = 0) throws(OptimizerError) {
        layout = try ArenaLayout(shapes: shapes)
        parameters = Array(repeating: value, count: layout.elementCount)
        gradients = Array(repeating: 0, count: layout.elementCount)
    }

    /// An arena of `count` tensors, each of every shape in `shapes` in turn (e.g. `count`
    /// layers of a weight and a bias).
    public init(shapes: [[Int]], count: Int, repeating value: Scalar = 0) throws(OptimizerError) {
        guard count >= 0 else { throw .shapeMismatch("a negative tensor count, \(count)") }
        try self.init(shapes: Array((0..<count).map { _ in shapes }.joined()), repeating: value)
    }

    /// An arena holding copies of `tensors` as parameters, gradients 0.
    public init(_ tensors: [Tensor<Scalar>]) {
        layout = try! ArenaLayout(shapes: tensors.map(\.shape))
        var parameters = [Scalar]()
        parameters.reserveCapacity(layout.elementCount)
        for tensor in tensors { parameters.append(contentsOf: tensor.scalars) }
        self.parameters = parameters
        gradients = Array(repeating: 0, count: layout.elementCount)
    }

    /// A copy of tensor `index`'s parameters.
    public func parameterTensor(_ index: Int) -> Tensor<Scalar> {
        try! Tensor(shape: layout.shapes[index], scalars: Array(parameters[layout.range(ofTensor: index)]))
    }

    /// Calls `body` with tensor `index`'s gradient, in place.
    public mutating func withGradients<Result>(
        ofTensor index: Int, _ body: (UnsafeMutableBufferPointer<Scalar>) throws -> Result
    ) rethrows -> Result {
        let range = layout.range(ofTensor: index)
        return try gradients.withUnsafeMutableBufferPointer { try body(UnsafeMutableBufferPointer(rebasing: $0[range])) }
    }
}
