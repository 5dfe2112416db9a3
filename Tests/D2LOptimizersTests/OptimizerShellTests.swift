import D2LOptimizers
import D2LTensor
import D2LTestSupport
import Testing

@Suite("The stateful optimizer")
struct OptimizerShellTests {
    @Test("gradients that do not match the parameters are a thrown error")
    func gradientShapeMismatch() throws {
        var optimizer = try Optimizer<Float>(RMSProp())
        var parameters = [Tensor<Float>.zeros(shape: [3])]
        #expect(throws: OptimizerError.self) { try optimizer.step(&parameters, gradients: [Tensor.zeros(shape: [2])]) }
        #expect(throws: OptimizerError.self) { try optimizer.step(&parameters, gradients: []) }
    }

    @Test("parameters that no longer match the state are a thrown error")
    func stateShapeMismatch() throws {
        var optimizer = try Optimizer<Double>(RMSProp())
        var parameters = [Tensor<Double>.ones(shape: [2])]
        try optimizer.step(&parameters, gradients: [Tensor.ones(shape: [2])])
        var other = [Tensor<Double>.ones(shape: [3])]
        #expect(throws: OptimizerError.self) { try optimizer.step(&other, gradients: [Tensor.ones(shape: [3])]) }
    }

    @Test("the fused RMSProp equals the book's whole-tensor rule over many steps")
    func fusedMatchesBook() throws {
        var generator = Xoshiro256StarStar(seed: 3)
        var parameters = [Tensor<Double>.randomNormal(shape: [4, 3], using: &generator), Tensor.randomNormal(shape: [3], using: &generator)]
        var reference = parameters
        var squares = parameters.map { Tensor<Double>.zeros(shape: $0.shape) }
        var optimizer = try Optimizer<Double>(RMSProp(learningRate: 0.03, decay: 0.8, epsilon: 1e-6))
        for _ in 0..<50 {
            let gradients = parameters.map { Tensor<Double>.randomNormal(shape: $0.shape, using: &generator) }
            try optimizer.step(&parameters, gradients: gradients)
            for i in reference.indices {
                squares[i] = 0.8 * squares[i] + (1 - 0.8) * gradients[i].squared()
                reference[i] = reference[i] - 0.03 * (gradients[i] / (squares[i] + 1e-6).squareRoot())
            }
        }
        for (actual, expected) in zip(parameters, reference) {
            #expect(allClose(actual.scalars, expected.scalars, relative: 1e-14))
        }
        #expect(optimizer.state.tensor(slot: .first, parameter: 1) == squares[1])
    }

    @Test("per-parameter multipliers scale the learning rate of that parameter only")
    func multipliers() throws {
        var optimizer = try Optimizer<Double>(SGD(learningRate: 0.1))
        optimizer.multipliers = [1: ParameterMultipliers(learningRate: 2)]
        var parameters = [Tensor<Double>.zeros(shape: [1]), Tensor.zeros(shape: [1])]
        try optimizer.step(&parameters, gradients: [Tensor.ones(shape: [1]), Tensor.ones(shape: [1])])
        #expect(parameters[0].scalars == [-0.1])
        #expect(parameters[1].scalars == [-0.2])
    }
}
