import D2LNN
import D2LTensor
import D2LTestSupport
import RealModule
import Testing

@Suite("Layers: Dense, Activation, Sequential, initializers")
struct LayerTests {
    @Test("Dense's forward pass equals X·W + b computed element by element", arguments: scalarTypes)
    func denseForward(_ type: any TensorScalar.Type) throws {
        try Self.checkDenseForward(type)
    }

    private static func checkDenseForward<Scalar: TensorScalar>(_: Scalar.Type) throws {
        var generator = Xoshiro256StarStar(seed: 12)
        var dense = Dense<Scalar>(inputCount: 3, outputCount: 2, weightInitializer: .normal(standardDeviation: 1), using: &generator)
        dense.parameters[1] = Tensor([0.5, -0.25])
        let x = Tensor<Scalar>.randomNormal(shape: [4, 3], using: &generator)
        let output = dense(x)
        #expect(output.shape == [4, 2])

        let (w, b) = (dense.weight.scalars, dense.bias.scalars)
        var expected = [Scalar]()
        for i in 0..<4 {
            for j in 0..<2 {
                var sum: Scalar = 0
                for p in 0..<3 { sum += x.scalars[i * 3 + p] * w[p * 2 + j] }
                expected.append(sum + b[j])
            }
        }
        #expect(output.scalars == expected)
        #expect(output == x.matmul(dense.weight) + dense.bias)
    }

    @Test("Dense has a weight [in, out] and a zero bias [out], named weight and bias")
    func denseParameters() {
        var generator = Xoshiro256StarStar(seed: 0)
        let dense = Dense<Double>(inputCount: 5, outputCount: 3, using: &generator)
        #expect(dense.parameters.map(\.shape) == [[5, 3], [3]])
        #expect(dense.parameterNames == ["weight", "bias"])
        #expect(dense.bias == Tensor.zeros(shape: [3]))
        #expect(dense.weight == dense.parameters[0])
        // Gluon's default here: Normal(σ = 0.01).
        #expect(dense.weight.scalars.allSatisfy { abs($0) < 0.06 })
        #expect(dense.weight.scalars.contains { $0 != 0 })
    }

    @Test("Dense draws its weight from the generator: same seed, same layer")
    func denseDeterministic() {
        var a = Xoshiro256StarStar(seed: 9)
        var b = Xoshiro256StarStar(seed: 9)
        let first = Dense<Float>(inputCount: 4, outputCount: 2, using: &a)
        let second = Dense<Float>(inputCount: 4, outputCount: 2, using: &b)
        #expect(first.parameters == second.parameters)
        var c = Xoshiro256StarStar(seed: 9)
        #expect(first.weight == Tensor<Float>.randomNormal(shape: [4, 2], standardDeviation: 0.01, using: &c))
    }

    @Test(
        "Each initializer fills a tensor as documented",
        arguments: [Initializer<Double>.zeros, .constant(0.75), .normal(standardDeviation: 2), .uniform(scale: 0.3)]
    )
    func initializers(_ initializer: Initializer<Double>) {
        var generator = Xoshiro256StarStar(seed: 30)
        let tensor = initializer.tensor(shape: [100, 50], using: &generator)
        #expect(tensor.shape == [100, 50])
        let values = tensor.scalars
        let mean = values.reduce(0, +) / Double(values.count)
        switch initializer {
        case .zeros:
            #expect(values.allSatisfy { $0 == 0 })
        case let .constant(value):
            #expect(values.allSatisfy { $0 == value })
        case let .normal(deviation):
            let std = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)).squareRoot()
            #expect(abs(mean) < 0.1 && abs(std / deviation - 1) < 0.05, "mean \(mean), std \(std)")
        case let .uniform(scale):
            #expect(values.allSatisfy { $0 >= -scale && $0 <= scale })
            #expect(abs(mean) < 0.02 && values.min()! < -0.29 && values.max()! > 0.29)
        }
    }

    @Test("Activation applies its function elementwise and has no parameters", arguments: Activation<Double>.Function.allCases)
    func activation(_ function: Activation<Double>.Function) {
        let layer = Activation<Double>(function)
        #expect(layer.parameters.isEmpty)
        #expect(layer.parameterNames.isEmpty)
        let input = Tensor<Double>([-2, -0.5, 0, 0.5, 2])
        let expected: [Double] = switch function {
        case .relu: [0, 0, 0, 0.5, 2]
        case .tanh: input.scalars.map(Double.tanh)
        case .sigmoid: input.scalars.map { 1 / (1 + Double.exp(-$0)) }
        }
        #expect(layer(input).scalars == expected)
    }

    @Test("Sequential's parameters are its layers' in order, and setting them round-trips")
    func sequentialParameters() throws {
        var generator = Xoshiro256StarStar(seed: 4)
        var net = Sequential<Double>([
            Dense(inputCount: 3, outputCount: 4, using: &generator),
            Activation(.relu),
            Dense(inputCount: 4, outputCount: 2, using: &generator),
        ])
        #expect(net.parameters.map(\.shape) == [[3, 4], [4], [4, 2], [2]])
        #expect(net.parameterNames == ["0.weight", "0.bias", "2.weight", "2.bias"])

        let replacement = net.parameters.map { Tensor<Double>.randomNormal(shape: $0.shape, using: &generator) }
        net.parameters = replacement
        #expect(net.parameters == replacement)
        #expect(net.layers[0].parameters == Array(replacement[0..<2]))
        #expect(net.layers[1].parameters.isEmpty)
        #expect(net.layers[2].parameters == Array(replacement[2..<4]))

        // The forward pass uses the new parameters.
        let x = Tensor<Double>.randomNormal(shape: [5, 3], using: &generator)
        let hidden = (x.matmul(replacement[0]) + replacement[1]).map { Swift.max($0, 0) }
        #expect(net(x) == hidden.matmul(replacement[2]) + replacement[3])
    }

    @Test("A Sequential of Sequentials flattens parameters and composes the layers", arguments: scalarTypes)
    func nested(_ type: any TensorScalar.Type) {
        Self.checkNested(type)
    }

    private static func checkNested<Scalar: TensorScalar>(_: Scalar.Type) {
        var generator = Xoshiro256StarStar(seed: 5)
        let inner = Sequential<Scalar>([Dense(inputCount: 2, outputCount: 3, using: &generator), Activation(.tanh)])
        let outer = Sequential<Scalar>([inner, Dense(inputCount: 3, outputCount: 1, using: &generator)])
        #expect(outer.parameters.count == 4)
        #expect(outer.parameterNames == ["0.0.weight", "0.0.bias", "1.weight", "1.bias"])
        let x = Tensor<Scalar>.randomNormal(shape: [4, 2], using: &generator)
        #expect(outer(x) == outer.layers[1](inner(x)))
    }
}
