import D2LOptimizers
import D2LTensor
import Testing

/// An optimizer resolves each parameter's step once and reuses it; whatever the step depends
/// on still takes effect at the next step.
@Suite("Steps resolved once and reused")
struct PreparedStepTests {
    static let gradient = Tensor<Float>([0.5, -2, 8])

    /// One SGD step by hand: `p − η·g` in Float.
    static func sgd(_ parameter: Tensor<Float>, learningRate: Float) -> Tensor<Float> {
        Tensor(zip(parameter.scalars, gradient.scalars).map { $0 - learningRate * $1 })
    }

    @Test("A changed learning rate, multiplier or schedule applies from the next step on")
    func changesTakeEffect() throws {
        var optimizer = try Optimizer<Float>(SGD(learningRate: 0.1))
        var parameters = [Tensor<Float>([1, 2, 3])]
        var expected = parameters[0]

        try optimizer.step(&parameters, gradients: [Self.gradient])
        expected = Self.sgd(expected, learningRate: 0.1)
        #expect(parameters[0] == expected)

        try optimizer.updateOptions { $0.learningRate = ScheduledLearningRate(0.25) }
        try optimizer.step(&parameters, gradients: [Self.gradient])
        expected = Self.sgd(expected, learningRate: 0.25)
        #expect(parameters[0] == expected)

        optimizer.multipliers = [0: ParameterMultipliers(learningRate: 2)]
        try optimizer.step(&parameters, gradients: [Self.gradient])
        expected = Self.sgd(expected, learningRate: Float(0.25 * 2.0))
        #expect(parameters[0] == expected)

        optimizer.multipliers = [:]
        try optimizer.updateOptions { $0.learningRate = ScheduledLearningRate(0.5, schedule: .exponential(factor: 0.5)) }
        for _ in 0..<3 {
            let rate = Float(optimizer.algorithm.options.learningRate.value(atStep: optimizer.stepCount))
            try optimizer.step(&parameters, gradients: [Self.gradient])
            expected = Self.sgd(expected, learningRate: rate)
            #expect(parameters[0] == expected)
        }
    }

    @Test("A reused step gives the same bits as a fresh optimizer restored to the same state")
    func reusedEqualsFresh() throws {
        let algorithm = RMSProp(learningRate: 0.01, decay: 0.9, momentum: 0.5)
        var reused = try Optimizer<Float>(algorithm)
        var parameters = [Tensor<Float>([1, -2, 3]), Tensor<Float>([0.5])]
        let gradients = [Tensor<Float>([0.1, 0.2, -0.3]), Tensor<Float>([4])]
        for _ in 0..<4 { try reused.step(&parameters, gradients: gradients) }

        var fresh = try Optimizer<Float>(algorithm)
        try fresh.restore(from: reused.snapshot())
        var freshParameters = parameters
        try reused.step(&parameters, gradients: gradients)
        try fresh.step(&freshParameters, gradients: gradients)
        #expect(parameters == freshParameters)
    }
}
