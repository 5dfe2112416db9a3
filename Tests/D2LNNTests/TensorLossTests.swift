import D2LNN
import D2LTensor
import D2LTestSupport
import Testing

@Suite("Losses on plain tensors")
struct TensorLossTests {
    @Test("squaredLoss and l2Loss of tensors equal the tape's losses bit for bit", arguments: [[4, 1], [4], [3, 5]])
    func matchesTape(shape: [Int]) {
        var generator = Xoshiro256StarStar(seed: 3)
        let predictions = Tensor<Double>.randomNormal(shape: shape, using: &generator)
        let labels = Tensor<Double>.randomNormal(shape: shape.count == 2 && shape[1] == 1 ? [shape[0]] : shape, using: &generator)
        let tape = GradientTape<Double>()
        let recorded = tape.constant(predictions)
        #expect(predictions.squaredLoss(labels: labels) == recorded.squaredLoss(labels: labels).value)
        #expect(predictions.l2Loss(labels: labels) == recorded.l2Loss(labels: labels).value)
        #expect(predictions.l2Loss(labels: labels).shape == [shape[0]])
    }

    @Test("An evaluation loss needs no tape: squaredLoss of a layer's output")
    func evaluationWithoutTape() {
        let predictions: Tensor<Float> = [[1], [2], [4]]
        let labels: Tensor<Float> = [1, 1, 2]
        let expected: Float = 2.5 / 3          // (0 + 0.5 + 2) / 3
        #expect(predictions.squaredLoss(labels: labels).scalarMean == expected)
    }

    @Test("Tensor labels that cannot take the predictions' shape stop the program")
    func mismatchedLabelsTrap() async {
        await #expect(processExitsWith: .failure) {
            _ = Tensor<Double>.zeros(shape: [3, 1]).squaredLoss(labels: .zeros(shape: [4]))
        }
    }
}
