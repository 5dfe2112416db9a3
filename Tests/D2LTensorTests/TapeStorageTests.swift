import D2LTensor
import Testing

/// A tape keeps its storage between recordings: a repeated training step computes into the
/// same buffers, and what a caller holds is never overwritten.
@Suite("Tape storage kept between steps")
struct TapeStorageTests {
    let features = try! Tensor<Float>(rows: [[1, 2], [3, -1], [0.5, 0.25]])
    let labels = try! Tensor<Float>(shape: [3, 1], scalars: [1, -2, 0.5])

    /// One recorded step of linear regression: the loss, its storage, and the gradients moved
    /// into `gradients`.
    func step(
        on tape: GradientTape<Float>, parameters: [Tensor<Float>], gradients: inout [Tensor<Float>]
    ) -> (loss: Tensor<Float>, address: UnsafePointer<Float>?) {
        tape.recording {
            let recorded = tape.parameters(parameters)
            let prediction = tape.constant(features).matmul(recorded[recorded.startIndex]) + recorded[recorded.startIndex + 1]
            let loss = ((prediction - labels).squared() / 2).mean()
            tape.backward(from: loss)
            tape.moveGradients(of: recorded, into: &gradients)
            return (loss.value, loss.value.withUnsafeBufferPointer { $0.baseAddress })
        }
    }

    static func address(_ tensor: Tensor<Float>) -> UnsafePointer<Float>? {
        tensor.withUnsafeBufferPointer { $0.baseAddress }
    }

    @Test("A repeated step computes into the storage of the previous one, and gradients alternate between two buffers")
    func repeatedStepReusesStorage() {
        let tape = GradientTape<Float>()
        let parameters = [Tensor<Float>(repeating: 0.5, shape: [2, 1]), Tensor<Float>([0.1])]
        var gradients: [Tensor<Float>] = []
        let first = step(on: tape, parameters: parameters, gradients: &gradients).address
        let firstGradient = Self.address(gradients[0])
        let second = step(on: tape, parameters: parameters, gradients: &gradients).address
        let secondGradient = Self.address(gradients[0])
        _ = step(on: tape, parameters: parameters, gradients: &gradients)
        #expect(first == second)
        #expect(firstGradient != secondGradient)
        #expect(Self.address(gradients[0]) == firstGradient)
    }

    @Test("Moved gradients equal the ones gradient(of:) gives, and a value the caller keeps is not overwritten")
    func movedGradientsAndKeptValues() throws {
        let tape = GradientTape<Float>()
        var gradients: [Tensor<Float>] = []
        let start = [Tensor<Float>(repeating: 0.5, shape: [2, 1]), Tensor<Float>([0.1])]
        let kept = step(on: tape, parameters: start, gradients: &gradients).loss
        let keptCopy = Tensor<Float>(kept.scalars)
        let moved = gradients

        let w = tape.parameter(start[0])
        let b = tape.parameter(start[1])
        let loss = (((tape.constant(features).matmul(w) + b) - labels).squared() / 2).mean()
        tape.backward(from: loss)
        #expect(moved == [tape.gradient(of: w), tape.gradient(of: b)])
        tape.reset()

        _ = step(on: tape, parameters: [Tensor(repeating: -3, shape: [2, 1]), Tensor([2])], gradients: &gradients)
        #expect(kept.scalars == keptCopy.scalars)
        #expect(moved != gradients)
    }

    @Test("Variables of a different recording order or shape still compute correctly in reused slots")
    func shapesChangeBetweenRecordings() {
        let tape = GradientTape<Double>()
        let x = tape.parameter(Tensor([1, 2, 3]))
        tape.backward(from: (x * x).sum())
        #expect(tape.gradient(of: x) == Tensor([2, 4, 6]))
        tape.reset()
        let y = tape.parameter(try! Tensor(rows: [[1, 2], [3, 4]]))
        let z = tape.parameter(Tensor([10, 20]))
        tape.backward(from: (y * z).mean())
        #expect(tape.gradient(of: y) == (try! Tensor(rows: [[2.5, 5], [2.5, 5]])))
        #expect(tape.gradient(of: z) == Tensor([1, 1.5]))
    }
}
