extension Tensor: ExpressibleByArrayLiteral {
    /// One element of a tensor literal: a number, or a nested literal for one slice along the
    /// outermost dimension.
    ///
    /// Only literals produce it: a tensor written in code as `[1, 2, 3]` or `[[1, 2], [3, 4]]`.
    /// Data that arrives at run time goes through the throwing ``Tensor/init(shape:scalars:)``
    /// or ``Tensor/init(rows:)`` instead.
    public enum LiteralElement: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral {
        /// A number.
        case scalar(Scalar)
        /// A nested literal: one slice of the enclosing tensor.
        case slice([LiteralElement])

        /// A number written with a fraction or exponent, rounded once, straight to `Scalar`.
        public init(floatLiteral value: Scalar.FloatLiteralType) { self = .scalar(Scalar(floatLiteral: value)) }

        /// A whole number.
        public init(integerLiteral value: Scalar.IntegerLiteralType) { self = .scalar(Scalar(integerLiteral: value)) }

        /// A nested literal.

        public init(arrayLiteral elements: LiteralElement...) { self = .slice(elements) }

        /// The shape and the row-major scalars of this element; traps when nested literals
        /// are ragged.
        func flattened() -> (shape: [Int], scalars: [Scalar]) {
            switch self {
            case let .scalar(value):
                return ([], [value])
            case let .slice(elements):
                return Self.stacked(elements)
            }
        }

        /// The shape and scalars of `elements` stacked along a new outermost dimension.
        static func stacked(_ elements: [LiteralElement]) -> (shape: [Int], scalars: [Scalar]) {
            let parts = elements.map { $0.flattened() }
            let inner = parts.first?.shape ?? []
            for (position, part) in parts.enumerated() where part.shape != inner {
                preconditionFailure(
                    "ragged tensor literal: element \(position) has shape \(part.shape) but element 0 has shape \(inner)")
            }
            return ([elements.count] + inner, parts.flatMap(\.scalars))
        }
    }

    /// A tensor written as a literal: `[1, 2, 3]` is a vector of shape `[3]`, `[[1, 2], [3, 4]]`
    /// a matrix of shape `[2, 2]`, and deeper nesting adds dimensions.
    ///
    /// ```swift
    /// let x: Tensor<Float> = [[1, 2, 3], [4, 5, 6]]     // shape [2, 3]
    /// ```
    ///
    /// A literal is checked where it is written, as Swift checks an out-of-range index: nested
    /// literals of different shapes (a ragged literal) stop the program with a message naming
    /// both shapes.
    public init(arrayLiteral elements: LiteralElement...) {
        let (shape, scalars) = LiteralElement.stacked(elements)
        self.init(uncheckedShape: shape, scalars: scalars)
    }
}
