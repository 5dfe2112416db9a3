import D2LTensor
import D2LTestSupport
import Testing

@Suite("Tensor literals, subscripts, scalar operands and the scalar accessor")
struct TensorLiteralTests {
    @Test("Array literals build vectors, matrices and deeper tensors without try", arguments: scalarTypes)
    func literals(_ type: any TensorScalar.Type) throws {
        try Self.checkLiterals(type)
    }

    private static func checkLiterals<Scalar: TensorScalar>(_: Scalar.Type) throws {
        let vector: Tensor<Scalar> = [1, 2.5, -3]
        #expect(vector == Tensor([1, 2.5, -3]))
        let matrix: Tensor<Scalar> = [[1, 2, 3], [4, 5, 6]]
        #expect(matrix == (try Tensor(rows: [[1, 2, 3], [4, 5, 6]])))
        let cube: Tensor<Scalar> = [[[1, 2], [3, 4]], [[5, 6], [7, 8]]]
        #expect(cube.shape == [2, 2, 2])
        #expect(cube.scalars == [1, 2, 3, 4, 5, 6, 7, 8])
        let empty: Tensor<Scalar> = []
        #expect(empty.shape == [0])
    }

    @Test("A fractional literal is rounded once, as the same literal written as a Float")
    func literalRounding() {
        let x: Tensor<Float> = [0.1, 1.000000059604644775390625000001, 16777217, 1e-45]
        let expected: [Float] = [0.1, 1.000000059604644775390625000001, 16777217, 1e-45]
        #expect(x.scalars == expected)
    }

    @Test("A ragged nested literal stops the program")
    func raggedLiteralTraps() async {
        await #expect(processExitsWith: .failure) {
            let ragged: Tensor<Double> = [[1, 2], [3]]
            _ = ragged
        }
    }

    @Test("Subscripts read and write the scalar at one index per dimension", arguments: scalarTypes)
    func subscripts(_ type: any TensorScalar.Type) {
        Self.checkSubscripts(type)
    }

    private static func checkSubscripts<Scalar: TensorScalar>(_: Scalar.Type) {
        var matrix: Tensor<Scalar> = [[1, 2, 3], [4, 5, 6]]
        #expect(matrix[0, 0] == 1)
        #expect(matrix[1, 2] == 6)
        matrix[1, 0] = 9
        #expect(matrix == [[1, 2, 3], [9, 5, 6]])
        var vector: Tensor<Scalar> = [7, 8]
        vector[1] += 1
        #expect(vector[0] == 7 && vector[1] == 9)
    }

    @Test("An index out of range, or one index for a matrix, stops the program")
    func subscriptTraps() async {
        await #expect(processExitsWith: .failure) {
            let x: Tensor<Double> = [[1, 2], [3, 4]]
            _ = x[2, 0]
        }
        await #expect(processExitsWith: .failure) {
            let x: Tensor<Double> = [[1, 2], [3, 4]]
            _ = x[0]
        }
    }

    @Test("Scalars combine with tensors on either side", arguments: scalarTypes)
    func scalarOperands(_ type: any TensorScalar.Type) {
        Self.checkScalarOperands(type)
    }

    private static func checkScalarOperands<Scalar: TensorScalar>(_: Scalar.Type) {
        let x: Tensor<Scalar> = [1, 2, 4]
        #expect(2 + 3 * x == [5, 8, 14])
        #expect(1 - x == [0, -1, -3])
        #expect(8 / x == [8, 4, 2])
        #expect(x + 1 == 1 + x)
        #expect(x * 2 == 2 * x)
        #expect(x - 1 == -(1 - x))
    }

    @Test("scalar reads a one-element tensor and stops the program for more elements")
    func scalarAccessor() async {
        let loss: Tensor<Float> = [0.25]
        #expect(loss.scalar == 0.25)
        #expect(Tensor<Float>(0.5).scalar == 0.5)
        await #expect(processExitsWith: .failure) {
            let x: Tensor<Double> = [1, 2]
            _ = x.scalar
        }
    }
}
