import RealModule

extension Variable {
    /// Traps unless both variables belong to the current recording of one tape.
    @inlinable
    @inline(__always)
    func sameTape(_ other: Variable) {
        precondition(tape === other.tape, "variables recorded on different tapes cannot be combined")
        tape.checkRecorded(self)
        tape.checkRecorded(other)
    }

    @inlinable
    @inline(__always)
    func binary(
        _ other: Variable, _ name: String, _ operation: GradientTape<Scalar>.Operation,
        _ combine: (Scalar, Scalar) -> Scalar
    ) -> Variable {
        sameTape(other)
        let (a, b) = (value, other.value)
        let shape: [Int]
        do {
            shape = try Broadcasting.shape(a.shape, b.shape, operation: name)
        } catch {
            preconditionFailure(error.description)
        }
        return tape.record(operation, shape: .like(shape), requiresGradient: tape.requiresGradient(index, other.index)) {
            $0.combining(a, b, combine)
        }
    }

    @inlinable
    @inline(__always)
    func unary(_ operation: GradientTape<Scalar>.Operation, _ transform: (Scalar) -> Scalar) -> Variable {
        tape.checkRecorded(self)
        let input = value
        return tape.record(operation, shape: .like(input.shape), requiresGradient: tape.requiresGradient(index)) { result in
            result.withUnsafeMutableBufferPointer { out in
                input.withUnsafeBufferPointer { source in
                    for i in out.indices { out[i] = transform(source[i]) }
                }
            }
        }
    }

    @inlinable
    @inline(__always)
    func reduction(_ operation: GradientTape<Scalar>.Operation, _ reduce: (Tensor<Scalar>) -> Scalar) -> Variable {
        tape.checkRecorded(self)
        let input = value
        return tape.record(operation, shape: .like([]), requiresGradient: tape.requiresGradient(index)) { result in
            let reduced = reduce(input)
            result.withUnsafeMutableBufferPointer { $0[0] = reduced }
        }
    }

    /// Elementwise sum with broadcasting.
    @inlinable
    public static func + (lhs: Variable, rhs: Variable) -> Variable {
        lhs.binary(rhs, "+", .add(lhs.index, rhs.index), +)
    }
    /// Elementwise difference with broadcasting.
    @inlinable
    public static func - (lhs: Variable, rhs: Variable) -> Variable {
        lhs.binary(rhs, "-", .subtract(lhs.index, rhs.index), -)
    }
    /// Elementwise product with broadcasting.
    @inlinable
    public static func * (lhs: Variable, rhs: Variable) -> Variable {
        lhs.binary(rhs, "*", .multiply(lhs.index, rhs.index), *)
    }
    /// Elementwise quotient with broadcasting.
    @inlinable
    public static func / (lhs: Variable, rhs: Variable) -> Variable {
        lhs.binary(rhs, "/", .divide(lhs.index, rhs.index), /)
    }

    /// Negates every element.
    @inlinable
    public static prefix func - (operand: Variable) -> Variable {
        operand.unary(.negate(operand.index)) { -$0 }
    }

    /// The matrix product `(m × k) · (k × n)`.
    @inlinable
    public func matmul(_ other: Variable) -> Variable {
        sameTape(other)
        let (a, b) = (value, other.value)
        Tensor<Scalar>.checkMatmul(a.shape, b.shape)
        return tape.record(
            .matmul(index, other.index), shape: .matrix(rows: a.shape[0], columns: b.shape[1]),
            requiresGradient: tape.requiresGradient(index, other.index)
        ) { product in
            product.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
            product.addProduct(a, b)
        }
    }

    /// Every element squared: `x²`, with derivative `2x`.
    @inlinable
    public func squared() -> Variable { unary(.square(index)) { $0 * $0 } }
    /// The square root of every element: `√x`, with derivative `1 / (2√x)`.
    @inlinable
    public func squareRoot() -> Variable { unary(.squareRoot(index), Scalar.vectorizableSquareRoot) }
    /// `eˣ` elementwise.
    @inlinable
    public func exp() -> Variable { unary(.exp(index), Scalar.exp) }
    /// The natural logarithm elementwise, with derivative `1 / x`.
    @inlinable
    public func log() -> Variable { unary(.log(index)) { Scalar.log($0) } }
    /// The hyperbolic tangent elementwise, with derivative `1 − tanh²(x)`.
    @inlinable
    public func tanh() -> Variable { unary(.tanh(index), Scalar.tanh) }
    /// The logistic function `1 / (1 + e⁻ˣ)`, with derivative `σ(x)(1 − σ(x))`.
    @inlinable
    public func sigmoid() -> Variable { unary(.sigmoid(index)) { 1 / (1 + Scalar.exp(-$0)) } }
    /// `max(x, 0)` elementwise, with derivative 1 where `x > 0` and 0 elsewhere.
    @inlinable
    public func relu() -> Variable { unary(.relu(index)) { $0 > 0 ? $0 : 0 } }
    /// The sum of all elements, as a rank-0 variable.
    @inlinable
    public func sum() -> Variable { reduction(.sum(index)) { $0.scalarSum } }
    /// The mean of all elements, as a rank-0 variable.
    @inlinable
    public func mean() -> Variable { reduction(.mean(index)) { $0.scalarMean } }

    /// The same elements with another shape of the same count.
    @inlinable
    public func reshaped(to shape: [Int]) -> Variable {
        tape.checkRecorded(self)
        do {
            return tape.record(try value.reshaped(to: shape), .reshape(index), requiresGradient: tape.requiresGradient(index))
        } catch {
            preconditionFailure(error.description)
        }
    }
}
