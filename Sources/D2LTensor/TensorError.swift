/// An error in the shapes or values given to a tensor operation.
public enum TensorError: Error, Equatable, CustomStringConvertible {
    /// The number of scalars does not match the product of the shape's dimensions.
    case scalarCountMismatch(shape: [Int], scalarCount: Int)
    /// A dimension is negative.
    case negativeDimension(shape: [Int])
    /// Two shapes cannot be broadcast against each other.
    case incompatibleShapes([Int], [Int], operation: String)
    /// An argument whose shape is not the one expected, such as labels of shape `[n, 1]` where
    /// one label per example, `[n]`, is wanted.
    case unexpectedShape(argument: String, shape: [Int], expected: String)

    public var description: String {
        switch self {
        case let .scalarCountMismatch(shape, count):
            return "shape \(shape) holds \(shape.reduce(1, *)) scalars, but \(count) were given"
        case let .negativeDimension(shape):
            return "shape \(shape) has a negative dimension; dimensions must be 0 or more"
        case let .incompatibleShapes(a, b, operation):
            return "\(operation): shapes \(a) and \(b) are not compatible"
        case let .unexpectedShape(argument, shape, expected):
            return "\(argument) have shape \(shape); expected \(expected)"
        }
    }
}
