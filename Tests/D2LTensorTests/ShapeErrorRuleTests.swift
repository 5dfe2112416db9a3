import D2LTensor
import Testing

/// The rule of the D2LTensor landing page: operators trap, naming both shapes; entry points that
/// take user data throw typed errors.
@Suite("Shape errors: operators trap, entry points that take data throw")
struct ShapeErrorRuleTests {
    @Test("matmul of matrices that cannot be multiplied stops the program, for tensors and variables")
    func matmulTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = Tensor<Double>.ones(shape: [2, 3]).matmul(.ones(shape: [2, 3]))
        }
        await #expect(processExitsWith: .failure) {
            let tape = GradientTape<Double>()
            _ = tape.parameter(.ones(shape: [2, 3])).matmul(tape.parameter(.ones(shape: [2, 3])))
        }
        await #expect(processExitsWith: .failure) {
            let tape = GradientTape<Double>()
            _ = Tensor<Double>.ones(shape: [2, 3]) * tape.parameter(.ones(shape: [2]))
        }
    }

    @Test("The trap message of a shape error names the operation and both shapes")
    func messageNamesBothShapes() {
        let message = TensorError.incompatibleShapes([2, 3], [2, 3], operation: "matmul").description
        #expect(message == "matmul: shapes [2, 3] and [2, 3] are not compatible")
    }

    @Test("Entry points that take data throw typed errors")
    func entryPointsThrow() {
        #expect(throws: TensorError.scalarCountMismatch(shape: [2, 2], scalarCount: 3)) {
            try Tensor<Double>(shape: [2, 2], scalars: [1, 2, 3])
        }
        #expect(throws: TensorError.self) { try Tensor<Double>(rows: [[1, 2], [3]]) }
        #expect(throws: TensorError.self) { try Tensor<Double>([1, 2, 3]).reshaped(to: [2, 2]) }
    }
}
