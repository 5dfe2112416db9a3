import D2LNN
import D2LTensor
import D2LTestSupport
import Testing

@Suite("Losses")
struct LossTests {
    @Test("squaredLoss is (ŷ − y)²/2 per element, labels taken in the predictions' shape", arguments: scalarTypes)
    func squaredLoss(_ type: any TensorScalar.Type) throws {
        try Self.checkSquaredLoss(type)
    }

    private static func checkSquaredLoss<Scalar: TensorScalar>(_: Scalar.Type) throws {
        let tape = GradientTape<Scalar>()
        let predictions = tape.constant(try Tensor(shape: [3, 1], scalars: [1, 2, 3]))
        let loss = predictions.squaredLoss(labels: Tensor([0, 4, 3.5]))
        #expect(loss.shape == [3, 1])
        #expect(loss.value.scalars == [0.5, 2, 0.125])
    }

    @Test("l2Loss is (ŷ − y)²/2 per example for one output", arguments: scalarTypes)
    func l2LossSingleOutput(_ type: any TensorScalar.Type) throws {
        try Self.checkL2Single(type)
    }

    private static func checkL2Single<Scalar: TensorScalar>(_: Scalar.Type) throws {
        let tape = GradientTape<Scalar>()
        let predictions = tape.constant(try Tensor(shape: [4, 1], scalars: [1, -2, 0.5, 3]))
        let labels = Tensor<Scalar>([2, -2, -0.5, 0])
        let loss = predictions.l2Loss(labels: labels)
        #expect(loss.shape == [4])
        #expect(loss.value.scalars == [0.5, 0, 0.5, 4.5])
        // Rank-1 predictions give the same.
        #expect(tape.constant(Tensor([1, -2, 0.5, 3])).l2Loss(labels: labels).value == loss.value)
    }

    @Test(
        "l2Loss averages (ŷ − y)²/2 over the outputs of each example",
        arguments: [[3, 2], [2, 4], [2, 3, 2]]
    )
    func l2LossMultiOutput(shape: [Int]) throws {
        var generator = Xoshiro256StarStar(seed: UInt64(shape.reduce(1, *)))
        let predictions = Tensor<Double>.randomNormal(shape: shape, using: &generator)
        let labels = Tensor<Double>.randomNormal(shape: shape, using: &generator)
        let tape = GradientTape<Double>()
        let loss = tape.constant(predictions).l2Loss(labels: labels)
        let batch = shape[0]
        let perExample = shape.dropFirst().reduce(1, *)
        #expect(loss.shape == [batch])
        let expected = (0..<batch).map { example in
            (0..<perExample).reduce(0.0) { sum, output in
                let index = example * perExample + output
                let difference = predictions.scalars[index] - labels.scalars[index]
                return sum + difference * difference / 2
            } / Double(perExample)
        }
        #expect(allClose(loss.value.scalars, expected, relative: 1e-14))

        // Flattened labels are taken in the predictions' shape too.
        let flat = try labels.reshaped(to: [labels.scalarCount])
        #expect(tape.constant(predictions).l2Loss(labels: flat).value == loss.value)
    }

    @Test("l2Loss's gradient matches finite differences, for one output and for several", arguments: [[5, 1], [4, 3]])
    func l2LossGradient(shape: [Int]) {
        var generator = Xoshiro256StarStar(seed: 77)
        let predictions = Tensor<Double>.randomNormal(shape: shape, using: &generator)
        let labels = Tensor<Double>.randomNormal(shape: shape, using: &generator)
        let comparison = compareGradients(at: [predictions]) { $0[0].l2Loss(labels: labels) }
        #expect(comparison.agrees(), "worst relative difference \(comparison.worstRelativeDifference)")
        // The gradient of the summed loss is (ŷ − y) / outputs per example.
        let tape = GradientTape<Double>()
        let recorded = tape.parameter(predictions)
        tape.backward(from: recorded.l2Loss(labels: labels).sum())
        let expected = (predictions - labels) / Double(shape[1])
        #expect(allClose(tape.gradient(of: recorded).scalars, expected.scalars, relative: 1e-14))
    }

    @Test("Labels that cannot take the predictions' shape stop the program")
    func mismatchedLabelsTrap() async {
        await #expect(processExitsWith: .failure) {
            let tape = GradientTape<Double>()
            _ = tape.constant(.zeros(shape: [3, 1])).l2Loss(labels: .zeros(shape: [4]))
        }
    }
}
