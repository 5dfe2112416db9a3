import D2LTensor
import D2LTestSupport
import Testing

@Suite("Variables: symmetric tensor operands, scalars on either side, scalar and description")
struct VariableErgonomicsTests {
    @Test("Tensor ∘ Variable and Variable ∘ Tensor give the same values and gradients", arguments: ["+", "-", "*", "/"])
    func symmetricTensorOperands(_ operation: String) throws {
        let constant: Tensor<Double> = [2, -1, 4]
        let point: Tensor<Double> = [0.5, 3, -2]
        func apply(_ a: Variable<Double>, _ b: Tensor<Double>, constantFirst: Bool) -> Variable<Double> {
            switch (operation, constantFirst) {
            case ("+", false): a + b
            case ("+", true): b + a
            case ("-", false): a - b
            case ("-", true): b - a
            case ("*", false): a * b
            case ("*", true): b * a
            case ("/", false): a / b
            default: b / a
            }
        }
        func reference(_ a: Tensor<Double>, _ b: Tensor<Double>, constantFirst: Bool) -> Tensor<Double> {
            switch operation {
            case "+": constantFirst ? b + a : a + b
            case "-": constantFirst ? b - a : a - b
            case "*": constantFirst ? b * a : a * b
            default: constantFirst ? b / a : a / b
            }
        }
        for constantFirst in [false, true] {
            let (value, gradient) = valueWithGradient(at: point) { apply($0, constant, constantFirst: constantFirst).sum() }
            #expect(value.scalar == reference(point, constant, constantFirst: constantFirst).scalarSum)
            let numeric = numericalGradient(of: { reference($0, constant, constantFirst: constantFirst).scalarSum }, at: point)
            #expect(allClose(gradient.scalars, numeric.scalars, relative: 1e-6, absolute: 1e-8))
        }
    }

    @Test("Variable.matmul(Tensor) and Tensor.matmul(Variable) record the constant side")
    func matmulWithTensor() {
        let tape = GradientTape<Double>()
        let a: Tensor<Double> = [[1, 2], [3, 4]]
        let w = tape.parameter([[1], [-1]])
        #expect(a.matmul(w).value == a.matmul(w.value))
        let x = tape.parameter([[1, 2]])
        #expect(x.matmul(a).value == [[7, 10]])
    }

    @Test("Scalars combine with variables on either side, with the right derivative")
    func scalarOperands() {
        let point: Tensor<Double> = [1, 2, 4]
        let (value, gradient) = valueWithGradient(at: point) { x in
            let affine = 2 + 3 * x
            return (affine + (1 - x) + 8 / x).sum()
        }
        let affine = 2 + 3 * point
        let expected = affine + (1 - point) + 8 / point
        #expect(value.scalar == expected.scalarSum)
        // d/dx (2 + 3x + 1 − x + 8/x) = 2 − 8/x²
        #expect(gradient == 2 - 8 / point.squared())
    }

    @Test("scalar reads a one-element variable; a variable prints its value")
    func scalarAndDescription() {
        let tape = GradientTape<Float>()
        let x = tape.parameter([1, 2])
        let loss = (x * x).sum()
        #expect(loss.scalar == 5)
        #expect(loss.description == "Variable(5.0)")
        #expect("\(x)" == "Variable(Tensor[2](1.0, 2.0))")
    }
}
