import D2LOptimizers
import D2LTensor
import Testing

@Suite("Non-finite gradient policies")
struct NonFiniteGradientPolicyTests {
    static let bad: [Float] = [.nan, .infinity, -.infinity]

    func optimizer(_ policy: NonFiniteGradientPolicy) throws -> Optimizer<Float> {
        var optimizer = try Optimizer<Float>(RMSProp(learningRate: 0.1))
        optimizer.nonFiniteGradientPolicy = policy
        return optimizer
    }

    @Test("propagate, the default, lets the value into the parameters as frameworks do")
    func propagate() throws {
        var optimizer = try Optimizer<Float>(RMSProp(learningRate: 0.1))
        #expect(optimizer.nonFiniteGradientPolicy == .propagate)
        var parameters = [Tensor<Float>.ones(shape: [2])]
        try optimizer.step(&parameters, gradients: [try Tensor(shape: [2], scalars: [1, .nan])])
        #expect(parameters[0].scalars[1].isNaN)
        #expect(optimizer.stepCount == 1)
    }

    @Test("throwError names the step, parameter, element and value, and changes nothing", arguments: bad)
    func throwError(value: Float) throws {
        var optimizer = try optimizer(.throwError)
        var parameters = [Tensor<Float>.ones(shape: [2]), Tensor<Float>.ones(shape: [3])]
        try optimizer.step(&parameters, gradients: [.ones(shape: [2]), .ones(shape: [3])])
        let before = (parameters, optimizer.state)
        let gradients = [Tensor<Float>.ones(shape: [2]), try Tensor(shape: [3], scalars: [1, 1, value])]
        let error = try #require(throws: OptimizerError.self) { try optimizer.step(&parameters, gradients: gradients) }
        let expected = NonFiniteGradient(step: 2, parameter: 1, element: 2, value: Double(value))
        #expect(error == .nonFiniteGradient(expected))
        #expect(error.description.contains("step 2") && error.description.contains("parameter 1"))
        #expect(parameters == before.0 && optimizer.state == before.1 && optimizer.stepCount == 1)
    }

    @Test("skipStep leaves the step out, counts it, and goes on with the next")
    func skipStep() throws {
        var optimizer = try optimizer(.skipStep)
        var parameters = [Tensor<Float>.ones(shape: [2])]
        try optimizer.step(&parameters, gradients: [try Tensor(shape: [2], scalars: [.infinity, 1])])
        #expect(parameters[0].scalars == [1, 1] && optimizer.stepCount == 0 && optimizer.skippedStepCount == 1)
        try optimizer.step(&parameters, gradients: [.ones(shape: [2])])
        #expect(parameters[0].scalars.allSatisfy { $0 < 1 } && optimizer.stepCount == 1 && optimizer.skippedStepCount == 1)
    }

    @Test("stop records where it stopped and leaves every later step out")
    func stop() throws {
        var optimizer = try optimizer(.stop)
        var parameters = [Tensor<Float>.ones(shape: [2])]
        try optimizer.step(&parameters, gradients: [.ones(shape: [2])])
        let after = parameters
        try optimizer.step(&parameters, gradients: [try Tensor(shape: [2], scalars: [1, -.infinity])])
        #expect(optimizer.stoppedOnNonFiniteGradient == NonFiniteGradient(step: 2, parameter: 0, element: 1, value: -.infinity))
        try optimizer.step(&parameters, gradients: [.ones(shape: [2])])
        #expect(parameters == after && optimizer.stepCount == 1)
    }
}
