import D2LNN
import D2LTensor
import Testing

/// A compiled network computes, bit for bit, the loss and gradients the tape computes.
@Suite("Compiled networks")
struct CompiledNetworkTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var layers: @Sendable (inout Xoshiro256StarStar) -> [any Layer<Float>]
        var inputCount: Int
        var outputCount: Int
        var rows: Int
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "the section's Dense(1), 10 examples", layers: { [Dense(inputCount: 5, outputCount: 1, using: &$0)] },
             inputCount: 5, outputCount: 1, rows: 10),
        Case(name: "Dense(1), one example", layers: { [Dense(inputCount: 5, outputCount: 1, using: &$0)] },
             inputCount: 5, outputCount: 1, rows: 1),
        Case(name: "Dense, tanh, Dense", layers: {
            [Dense(inputCount: 5, outputCount: 8, weightInitializer: .normal(standardDeviation: 0.5), using: &$0),
             Activation(.tanh), Dense(inputCount: 8, outputCount: 1, weightInitializer: .normal(standardDeviation: 0.5), using: &$0)]
        }, inputCount: 5, outputCount: 1, rows: 7),
        Case(name: "Dense, relu, Dense(2)", layers: {
            [Dense(inputCount: 4, outputCount: 6, weightInitializer: .normal(standardDeviation: 1), using: &$0),
             Activation(.relu), Dense(inputCount: 6, outputCount: 2, weightInitializer: .normal(standardDeviation: 1), using: &$0)]
        }, inputCount: 4, outputCount: 2, rows: 9),
        Case(name: "Dense(3), sigmoid, Dense(3)", layers: {
            [Dense(inputCount: 3, outputCount: 3, weightInitializer: .uniform(scale: 1), using: &$0),
             Activation(.sigmoid), Dense(inputCount: 3, outputCount: 3, weightInitializer: .uniform(scale: 1), using: &$0)]
        }, inputCount: 3, outputCount: 3, rows: 5),
    ]

    @Test("loss, mean loss and gradients equal the tape's, bit for bit, step after step", arguments: cases)
    func matchesTape(_ example: Case) throws {
        var generator = Xoshiro256StarStar(seed: 17)
        let network = Sequential<Float>(example.layers(&generator))
        var parameters = network.parameters
        for index in parameters.indices where index % 2 == 1 {
            parameters[index] = Tensor.randomNormal(shape: parameters[index].shape, using: &generator)
        }
        var compiled = try #require(CompiledNetwork(network))
        let tape = GradientTape<Float>()
        var compiledGradients: [Tensor<Float>] = []
        var tapeGradients: [Tensor<Float>] = []
        for _ in 0..<3 {
            let features = Tensor<Float>.randomNormal(shape: [example.rows, example.inputCount], using: &generator)
            let labelShape = example.outputCount == 1 ? [example.rows] : [example.rows, example.outputCount]
            let labels = Tensor<Float>.randomNormal(shape: labelShape, using: &generator)

            let expected = tape.recording {
                let (output, recorded) = network.forward(features, parameters: parameters, on: tape)
                let loss = output.l2Loss(labels: labels)
                tape.backward(from: loss)
                tape.moveGradients(of: recorded, into: &tapeGradients)
                return loss.value.scalarMean
            }
            let actual = compiled.l2Loss(features: features, labels: labels, parameters: parameters, gradients: &compiledGradients)
            #expect(actual.bitPattern == expected.bitPattern)
            #expect(compiledGradients == tapeGradients)

            let mean = tape.recording {
                network.forward(features, parameters: parameters, on: tape).output.l2Loss(labels: labels).mean().value.scalar
            }
            #expect(compiled.meanL2Loss(features: features, labels: labels, parameters: parameters).bitPattern == mean.bitPattern)
            for index in parameters.indices {
                parameters[index].formElementwise(tapeGradients[index]) { p, g in p - 0.1 * g }
            }
        }
    }

    struct Doubling: Layer {
        var parameters: [Tensor<Float>] = []
        var parameterNames: [String] { [] }
        func callAsFunction(_ input: Variable<Float>, parameters: RecordedVariables<Float>) -> Variable<Float> { input * 2 }
    }

    @Test("a network with another kind of layer, or none, does not compile")
    func otherLayersDoNotCompile() {
        var generator = Xoshiro256StarStar(seed: 1)
        #expect(CompiledNetwork(Sequential<Float>([Dense(inputCount: 2, outputCount: 1, using: &generator), Doubling()])) == nil)
        #expect(CompiledNetwork(Sequential<Float>([])) == nil)
        #expect(CompiledNetwork(Sequential<Float>([Activation(.relu)])) == nil)
    }
}
