import RealModule

extension Variable {
    @inlinable
    func sameTape(_ other: Variable) {
        precondition(tape === other.tape, "variables recorded on different tapes cannot be combined")
    }

    @inlinable
    func binary(
        _ other: Variable, _ name: String, _ operation: GradientTape<Scalar>.Operation,
        _ combine: (Scalar, Scalar) -> Scalar
    ) -> Variable {
        sameTape(other)
        let result: Tensor<Scalar>
        do {
            result = try value.combined(with: other.value, operation: name, combine)
        } catch {
            preconditionFailure(error.description)
        }
        return tape.record(result, operation, requiresGradient: tape.requiresGradient(index, other.index))
    }

    @inlinable
    func unary(_ operation: GradientTape<Scalar>.Operation, _ result: Tensor<Scalar>) -> Variable {
        tape.record(result, operation, requiresGradient: tape.requiresGradient(index))
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

    /// Elementwise sum with a tensor that needs no gradient.
    @inlinable
    public static func + (lhs: Variable, rhs: Tensor<Scalar>) -> Variable { lhs + lhs.tape.constant(rhs) }
    /// Elementwise difference with a tensor that needs no gradient.
    @inlinable
    public static func - (lhs: Variable, rhs: Tensor<Scalar>) -> Variable { lhs - lhs.tape.constant(rhs) }
    /// Elementwise product with a tensor that needs no gradient.
    @inlinable
    public static func * (lhs: Variable, rhs: Tensor<Scalar>) -> Variable { lhs * lhs.tape.constant(rhs) }

    /// Adds a scalar to every element.
    @inlinable
    public static func + (lhs: Variable, rhs: Scalar) -> Variable {
        lhs.unary(.addScalar(lhs.index), lhs.value + rhs)
    }
    /// Subtracts a scalar from every element.
    @inlinable
    public static func - (lhs: Variable, rhs: Scalar) -> Variable {
        lhs.unary(.addScalar(lhs.index), lhs.value - rhs)
    }
    /// Multiplies every element by a scalar.
    @inlinable
    public static func * (lhs: Variable, rhs: Scalar) -> Variable {
        lhs.unary(.multiplyScalar(lhs.index, rhs), lhs.value * rhs)
    }
    /// Multiplies every element by a scalar.
    @inlinable
    public static func * (lhs: Scalar, rhs: Variable) -> Variable { rhs * lhs }
    /// Divides every element by a scalar.
    @inlinable
    public static func / (lhs: Variable, rhs: Scalar) -> Variable {
        lhs.unary(.multiplyScalar(lhs.index, 1 / rhs), lhs.value.map { $0 / rhs })
    }
    /// Negates every element.
    @inlinable
    public static prefix func - (operand: Variable) -> Variable {
        operand.unary(.negate(operand.index), -operand.value)
    }

    /// The matrix product `(m × k) · (k × n)`.
    @inlinable
    public func matmul(_ other: Variable) -> Variable {
        sameTape(other)
        let result: Tensor<Scalar>
        do {
            result = try value.matmul(other.value)
        } catch {
            preconditionFailure(error.description)
        }
        return tape.record(result, .matmul(index, other.index), requiresGradient: tape.requiresGradient(index, other.index))
    }

    /// Every element squared: `x²`, with derivative `2x`.
    @inlinable
    public func squared() -> Variable { unary(.square(index), value.squared()) }
    /// The square root of every element: `√x`, with derivative `1 / (2√x)`.
    @inlinable
    public func squareRoot() -> Variable { unary(.squareRoot(index), value.squareRoot()) }
    /// `eˣ` elementwise.
    @inlinable
    public func exp() -> Variable { unary(.exp(index), value.map(Scalar.exp)) }
    /// The natural logarithm elementwise, with derivative `1 / x`.
    @inlinable
    public func log() -> Variable { unary(.log(index), value.map { Scalar.log($0) }) }
    /// The hyperbolic tangent elementwise, with derivative `1 − tanh²(x)`.
    @inlinable
    public func tanh() -> Variable { unary(.tanh(index), value.map(Scalar.tanh)) }
    /// The logistic function `1 / (1 + e⁻ˣ)`, with derivative `σ(x)(1 − σ(x))`.
    @inlinable
    public func sigmoid() -> Variable { unary(.sigmoid(index), value.map { 1 / (1 + Scalar.exp(-$0)) }) }
    /// `max(x, 0)` elementwise, with derivative 1 where `x > 0` and 0 elsewhere.
    @inlinable
    public func relu() -> Variable { unary(.relu(index), value.map { $0 > 0 ? $0 : 0 }) }
    /// The sum of all elements, as a rank-0 variable.
    @inlinable
    public func sum() -> Variable { unary(.sum(index), value.sum()) }
    /// The mean of all elements, as a rank-0 variable.
    @inlinable
    public func mean() -> Variable { unary(.mean(index), value.mean()) }

    /// The same elements with another shape of the same count.
    @inlinable
    public func reshaped(to shape: [Int]) -> Variable {
        do {
            return unary(.reshape(index), try value.reshaped(to: shape))
        } catch {
            preconditionFailure(error.description)
        }
    }
}

extension Tensor {
    /// The matrix product of this tensor, taken as a constant, with a recorded variable.
    @inlinable
    public func matmul(_ other: Variable<Scalar>) -> Variable<Scalar> {
        other.tape.constant(self).matmul(other)
    }
}
