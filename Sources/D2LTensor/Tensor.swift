/// A dense n-dimensional array of scalars, stored contiguously in row-major order.
///
/// `Tensor` is a value type: copies share storage until one of them is mutated (copy-on-write,
/// through `Array`).
///
/// ```swift
/// let x: Tensor<Float> = [[1, 2], [3, 4]]
/// let y = (x * x).sum()          // 30
/// ```
public struct Tensor<Scalar: TensorScalar>: Sendable, Equatable {
    /// The size of every dimension, outermost first. An empty shape is a scalar.
    @inlinable
    public var shape: [Int] { dimensions }

    @usableFromInline
    var dimensions: [Int]
    /// The scalars in row-major order; `scalars.count` equals the product of `shape`.
    @inlinable
    public var scalars: [Scalar] { storage }

    @usableFromInline
    var storage: [Scalar]

    /// A tensor of the given shape holding `scalars` in row-major order.
    ///
    /// - Throws: ``TensorError`` if a dimension is negative or the count does not match.
    public init(shape: [Int], scalars: [Scalar]) throws(TensorError) {
        guard shape.allSatisfy({ $0 >= 0 }) else { throw .negativeDimension(shape: shape) }
        guard shape.reduce(1, *) == scalars.count else {
            throw .scalarCountMismatch(shape: shape, scalarCount: scalars.count)
        }
        self.dimensions = shape
        self.storage = scalars
    }

    /// A tensor built from parts already known to agree; checked only in debug builds.
    @inlinable
    init(uncheckedShape shape: [Int], scalars: [Scalar]) {
        assert(shape.reduce(1, *) == scalars.count)
        self.dimensions = shape
        self.storage = scalars
    }

    /// A tensor of the given shape with every scalar equal to `value`.
    @inlinable
    public init(repeating value: Scalar, shape: [Int]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
        self.init(uncheckedShape: shape, scalars: Array(repeating: value, count: shape.reduce(1, *)))
    }

    /// A rank-0 tensor holding one scalar.
    public init(_ scalar: Scalar) {
        self.init(uncheckedShape: [], scalars: [scalar])
    }

    /// A rank-1 tensor holding `vector`.
    public init(_ vector: [Scalar]) {
        self.init(uncheckedShape: [vector.count], scalars: vector)
    }

    /// A rank-2 tensor from equally long rows: the entry point for rows that arrive at run time.
    ///
    /// A matrix written in code needs no `try`: write it as a literal,
    /// `let m: Tensor<Float> = [[1, 2], [3, 4]]` (see ``init(arrayLiteral:)``).
    ///
    /// - Throws: ``TensorError/scalarCountMismatch(shape:scalarCount:)`` if rows differ in length.
    public init(rows: [[Scalar]]) throws(TensorError) {
        let columnCount = rows.first?.count ?? 0
        if let ragged = rows.first(where: { $0.count != columnCount }) {
            throw .scalarCountMismatch(shape: [columnCount], scalarCount: ragged.count)
        }
        try self.init(shape: [rows.count, columnCount], scalars: rows.flatMap { $0 })
    }

    /// A tensor of zeros.
    @inlinable
    public static func zeros(shape: [Int]) -> Tensor { Tensor(repeating: 0, shape: shape) }

    /// A tensor of ones.
    @inlinable
    public static func ones(shape: [Int]) -> Tensor { Tensor(repeating: 1, shape: shape) }

    /// The number of dimensions.
    @inlinable
    public var rank: Int { shape.count }

    /// The number of scalars.
    @inlinable
    public var scalarCount: Int { scalars.count }

    /// The only scalar of a one-element tensor, such as a loss: PyTorch's `.item()`.
    ///
    /// Traps unless the tensor holds exactly one scalar, naming its shape.
    @inlinable
    public var scalar: Scalar {
        precondition(scalars.count == 1, "a tensor of shape \(shape) is not a single scalar")
        return scalars[0]
    }

    /// The same scalars viewed with another shape of the same scalar count.
    ///
    /// - Throws: ``TensorError/scalarCountMismatch(shape:scalarCount:)`` if the counts differ.
    @inlinable
    public func reshaped(to newShape: [Int]) throws(TensorError) -> Tensor {
        try Tensor(shape: newShape, scalars: scalars)
    }

    /// Calls `body` with mutable access to the scalars, whose count it must not change.
    ///
    /// This is the entry point for kernels that update a tensor in place.
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<Result>(
        _ body: (inout UnsafeMutableBufferPointer<Scalar>) throws -> Result
    ) rethrows -> Result {
        try storage.withUnsafeMutableBufferPointer(body)
    }

    /// Calls `body` with read access to the scalars.
    @inlinable
    public func withUnsafeBufferPointer<Result>(
        _ body: (UnsafeBufferPointer<Scalar>) throws -> Result
    ) rethrows -> Result {
        try storage.withUnsafeBufferPointer(body)
    }

    /// Replaces the scalars with those of `other`, which must have the same shape.
    ///
    /// Reuses this tensor's storage when it is not shared.
    public mutating func assign(_ other: Tensor) {
        precondition(other.shape == shape, "cannot assign shape \(other.shape) to \(shape)")
        copyElements(of: other)
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        rank == 0 ? "\(scalars[0])" : "Tensor\(shape)(\(scalars.map { "\($0)" }.joined(separator: ", ")))"
    }
}

extension Tensor: Codable {
    private enum CodingKeys: String, CodingKey {
        case shape, scalars
    }

    /// Decodes a tensor, checking that the shape and the scalar count agree.
    ///
    /// - Throws: `DecodingError.dataCorrupted` for a negative dimension or a count mismatch.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let shape = try container.decode([Int].self, forKey: .shape)
        let scalars = try container.decode([Scalar].self, forKey: .scalars)
        do {
            try self.init(shape: shape, scalars: scalars)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .scalars, in: container, debugDescription: error.description)
        }
    }

    /// Encodes the shape and the scalars.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(shape, forKey: .shape)
        try container.encode(storage, forKey: .scalars)
    }
}
