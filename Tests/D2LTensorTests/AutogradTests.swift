import D2LTensor
import D2LTestSupport
import RealModule
import Testing

/// One differentiable operation of ``Variable``, applied to inputs of given shapes.
struct DifferentiableCase: Sendable, CustomTestStringConvertible {
    /// Where inputs are drawn from, so the operation is smooth there.
    enum Domain: Sendable {
        /// Normal samples.
        case anywhere
        /// Magnitudes in [0.5, 2] with random signs: away from 0 (relu's kink, division).
        case awayFromZero
        /// In [0.5, 2] (square root, logarithm).
        case positive
    }

    var name: String
    var shapes: [[Int]]
    var domain: Domain = .anywhere
    var build: @Sendable ([Variable<Double>]) -> Variable<Double>

    var testDescription: String { name }

    func inputs(seed: UInt64) -> [Tensor<Double>] {
        var generator = Xoshiro256StarStar(seed: seed)
        return shapes.map { shape in
            switch domain {
            case .anywhere:
                return Tensor.randomNormal(shape: shape, using: &generator)
            case .positive:
                return Tensor.randomUniform(shape: shape, lowerBound: 0.5, upperBound: 2, using: &generator)
            case .awayFromZero:
                let magnitude = Tensor<Double>.randomUniform(shape: shape, lowerBound: 0.5, upperBound: 2, using: &generator)
                let sign = Tensor<Double>.randomUniform(shape: shape, using: &generator).map { $0 < 0.5 ? -1 : 1 }
                return magnitude * sign
            }
        }
    }
}

/// Constant operands, fixed so that the closures stay `Sendable`.
private let constantRow = Tensor<Double>([0.3, -1.2, 2.0])
private let constantMatrix = try! Tensor<Double>(rows: [[0.5, -1, 1.5], [2, 0.25, -0.75]])
private let constantLeft = try! Tensor<Double>(rows: [[1, -2], [0.5, 3], [-1.5, 0.25], [2, 1]])

private let differentiableCases: [DifferentiableCase] = [
    .init(name: "variable + variable", shapes: [[2, 3], [2, 3]]) { $0[0] + $0[1] },
    .init(name: "variable + variable, row broadcast", shapes: [[2, 3], [3]]) { $0[0] + $0[1] },
    .init(name: "variable + variable, column × row broadcast", shapes: [[3, 1], [1, 4]]) { $0[0] + $0[1] },
    .init(name: "variable + tensor", shapes: [[2, 3]]) { $0[0] + constantRow },
    .init(name: "variable + scalar", shapes: [[2, 3]]) { $0[0] + 1.75 },
    .init(name: "variable − variable", shapes: [[2, 3], [2, 3]]) { $0[0] - $0[1] },
    .init(name: "variable − variable, column broadcast", shapes: [[2, 3], [2, 1]]) { $0[0] - $0[1] },
    .init(name: "variable − variable, left operand broadcast", shapes: [[3], [2, 3]]) { $0[0] - $0[1] },
    .init(name: "variable − tensor", shapes: [[2, 3]]) { $0[0] - constantMatrix },
    .init(name: "variable − scalar", shapes: [[2, 3]]) { $0[0] - 0.5 },
    .init(name: "variable × variable", shapes: [[2, 3], [2, 3]]) { $0[0] * $0[1] },
    .init(name: "variable × variable, row broadcast", shapes: [[2, 3], [3]]) { $0[0] * $0[1] },
    .init(name: "variable × variable, rank-0 broadcast", shapes: [[], [2, 3]]) { $0[0] * $0[1] },
    .init(name: "variable × tensor", shapes: [[2, 3]]) { $0[0] * constantMatrix },
    .init(name: "variable × tensor, broadcast", shapes: [[2, 1]]) { $0[0] * constantMatrix },
    .init(name: "variable × scalar", shapes: [[2, 3]]) { $0[0] * -2.5 },
    .init(name: "scalar × variable", shapes: [[2, 3]]) { 3 * $0[0] },
    .init(name: "variable ÷ variable", shapes: [[2, 3], [2, 3]], domain: .awayFromZero) { $0[0] / $0[1] },
    .init(name: "variable ÷ variable, row broadcast", shapes: [[2, 3], [1, 3]], domain: .awayFromZero) { $0[0] / $0[1] },
    .init(name: "variable ÷ variable, numerator broadcast", shapes: [[3], [2, 3]], domain: .awayFromZero) { $0[0] / $0[1] },
    .init(name: "variable ÷ scalar", shapes: [[2, 3]]) { $0[0] / 4 },
    .init(name: "negate", shapes: [[2, 3]]) { -$0[0] },
    .init(name: "matmul", shapes: [[2, 3], [3, 4]]) { $0[0].matmul($0[1]) },
    .init(name: "matmul, column vector", shapes: [[4, 3], [3, 1]]) { $0[0].matmul($0[1]) },
    .init(name: "tensor matmul variable", shapes: [[2, 3]]) { constantLeft.matmul($0[0]) },
    .init(name: "squared", shapes: [[2, 3]]) { $0[0].squared() },
    .init(name: "squareRoot", shapes: [[2, 3]], domain: .positive) { $0[0].squareRoot() },
    .init(name: "exp", shapes: [[2, 3]]) { $0[0].exp() },
    .init(name: "log", shapes: [[2, 3]], domain: .positive) { $0[0].log() },
    .init(name: "tanh", shapes: [[2, 3]]) { $0[0].tanh() },
    .init(name: "sigmoid", shapes: [[2, 3]]) { $0[0].sigmoid() },
    .init(name: "relu, away from 0", shapes: [[3, 4]], domain: .awayFromZero) { $0[0].relu() },
    .init(name: "sum", shapes: [[2, 3]]) { $0[0].sum() },
    .init(name: "mean", shapes: [[2, 3]]) { $0[0].mean() },
    .init(name: "reshaped", shapes: [[2, 3]]) { $0[0].reshaped(to: [3, 2]) * $0[0].reshaped(to: [3, 2]).exp() },
    .init(name: "reshaped to a vector", shapes: [[2, 3]]) { $0[0].reshaped(to: [6]).sigmoid() },
    .init(name: "composite: mean of (XW + b − y)² / 2", shapes: [[4, 3], [3, 1], [1]]) { v in
        ((v[0].matmul(v[1]) + v[2] - Tensor<Double>([0.5, -1, 2, 0]).reshapedOrTrap([4, 1])).squared() / 2).mean()
    },
    .init(name: "composite: one tanh layer, then a log-sum-exp", shapes: [[4, 3], [3, 2], [2]]) { v in
        (v[0].matmul(v[1]) + v[2]).tanh().exp().sum().log()
    },
]

@Suite("Autograd: every operation against finite differences")
struct AutogradTests {
    @Test("The tape's gradient matches central differences (Double, relative 1e-6)", arguments: differentiableCases)
    func matchesFiniteDifferences(_ operation: DifferentiableCase) {
        for seed: UInt64 in [1, 2] {
            let inputs = operation.inputs(seed: seed)
            let comparison = compareGradients(at: inputs, operation.build)
            for (input, gradient) in zip(inputs, comparison.analytic) { #expect(gradient.shape == input.shape) }
            #expect(
                comparison.agrees(relative: 1e-6, absolute: 1e-8),
                "worst relative difference \(comparison.worstRelativeDifference)\nanalytic \(comparison.analytic)\nnumerical \(comparison.numerical)"
            )
        }
    }

    @Test("The forward value of every operation is its elementwise definition")
    func forwardValues() throws {
        let tape = GradientTape<Double>()
        let x = tape.parameter(Tensor([-1, 0.5, 2]))
        #expect(x.squared().value == Tensor([1, 0.25, 4]))
        #expect(x.relu().value == Tensor([0, 0.5, 2]))
        #expect(x.exp().value == Tensor([Double.exp(-1), Double.exp(0.5), Double.exp(2)]))
        #expect(x.tanh().value == Tensor([Double.tanh(-1), Double.tanh(0.5), Double.tanh(2)]))
        #expect(x.sigmoid().value.scalars[1] == 1 / (1 + Double.exp(-0.5)))
        #expect((x * 2 + 1).value == Tensor([-1, 2, 5]))
        #expect((x - 1).value == Tensor([-2, -0.5, 1]))
        #expect(x.sum().value == Tensor(1.5))
        #expect(x.mean().value == Tensor(0.5))
        #expect(x.reshaped(to: [3, 1]).shape == [3, 1])
    }

    @Test("A variable used twice accumulates both contributions: d(x·x + x)/dx = 2x + 1")
    func accumulation() throws {
        let tape = GradientTape<Double>()
        let value = Tensor<Double>([-1.5, 0.25, 3])
        let x = tape.parameter(value)
        tape.backward(from: (x * x + x).sum())
        #expect(tape.gradient(of: x) == value * 2 + 1)

        tape.reset()
        let y = tape.parameter(value)
        tape.backward(from: (y + y + y).sum())
        #expect(tape.gradient(of: y) == Tensor([3, 3, 3]))

        let comparison = compareGradients(at: [value]) { v in v[0] * v[0].exp() + v[0].squared() - v[0] }
        #expect(comparison.agrees(), "worst relative difference \(comparison.worstRelativeDifference)")
    }

    @Test("A parameter the output does not depend on, and a constant, get gradients of zeros")
    func independentGradientIsZero() throws {
        let tape = GradientTape<Double>()
        let used = tape.parameter(Tensor([1, 2]))
        let unused = tape.parameter(try Tensor(rows: [[1, 2, 3], [4, 5, 6]]))
        let data = tape.constant(Tensor([3, 4]))
        _ = unused.exp().sum()  // recorded, but not on the path to the output
        tape.backward(from: (used * data).sum())
        #expect(tape.gradient(of: used) == Tensor([3, 4]))
        #expect(tape.gradient(of: unused) == Tensor.zeros(shape: [2, 3]))
        #expect(tape.gradient(of: data) == Tensor.zeros(shape: [2]))
    }

    @Test("Before any backward pass every gradient is zeros of the variable's shape")
    func gradientBeforeBackward() {
        let tape = GradientTape<Float>()
        let x = tape.parameter(.ones(shape: [2, 2]))
        #expect(tape.gradient(of: x) == Tensor.zeros(shape: [2, 2]))
    }

    @Test("A non-scalar output is summed first, as MXNet's backward() does")
    func nonScalarOutput() {
        let tape = GradientTape<Double>()
        let x = tape.parameter(Tensor([1, 2, 3]))
        tape.backward(from: x.squared())
        #expect(tape.gradient(of: x) == Tensor([2, 4, 6]))
    }

    @Test("Calling backward twice replaces the gradients instead of adding to them")
    func backwardTwice() {
        let tape = GradientTape<Double>()
        let x = tape.parameter(Tensor([1, 2, 3]))
        let loss = (x * x).sum()
        tape.backward(from: loss)
        tape.backward(from: loss)
        #expect(tape.gradient(of: x) == Tensor([2, 4, 6]))
    }

    @Test("After reset() the tape is empty and recording the same step gives identical gradients", arguments: scalarTypes)
    func resetReuse(_ type: any TensorScalar.Type) throws {
        try Self.checkReset(type)
    }

    private static func checkReset<Scalar: TensorScalar>(_: Scalar.Type) throws {
        var generator = Xoshiro256StarStar(seed: 21)
        let features = Tensor<Scalar>.randomNormal(shape: [5, 3], using: &generator)
        let labels = Tensor<Scalar>.randomNormal(shape: [5, 1], using: &generator)
        let weight = Tensor<Scalar>.randomNormal(shape: [3, 1], using: &generator)
        let bias = Tensor<Scalar>([0.1])
        let tape = GradientTape<Scalar>()

        func step() -> [Tensor<Scalar>] {
            let w = tape.parameter(weight)
            let b = tape.parameter(bias)
            let loss = ((tape.constant(features).matmul(w) + b - labels).squared() / 2).mean()
            tape.backward(from: loss)
            return [tape.gradient(of: w), tape.gradient(of: b)]
        }

        let first = step()
        let recorded = tape.count
        #expect(recorded > 0)
        tape.reset()
        #expect(tape.count == 0)
        let second = step()
        #expect(tape.count == recorded)
        #expect(first == second)
    }

    @Test("Operations with no parameter among their inputs need no gradient and still compute values")
    func constantsOnly() {
        let tape = GradientTape<Double>()
        let a = tape.constant(Tensor([1, 2]))
        let b = tape.constant(Tensor([3, 4]))
        let product = a * b
        tape.backward(from: product.sum())
        #expect(product.value == Tensor([3, 8]))
        #expect(tape.gradient(of: a) == Tensor.zeros(shape: [2]))
    }

    @Test("Combining variables from two tapes stops the program")
    func differentTapesTrap() async {
        await #expect(processExitsWith: .failure) {
            let first = GradientTape<Double>()
            let second = GradientTape<Double>()
            _ = first.parameter(Tensor([1])) + second.parameter(Tensor([1]))
        }
    }
}

extension Tensor {
    fileprivate func reshapedOrTrap(_ shape: [Int]) -> Tensor { try! reshaped(to: shape) }
}
