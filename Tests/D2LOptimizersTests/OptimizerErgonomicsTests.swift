import D2LOptimizers
import D2LTensor
import D2LTestSupport
import Testing

@Suite("Optimizer: settable learning rate, updates without applying them")
struct OptimizerErgonomicsTests {
    @Test("setLearningRate keeps a step schedule going from the current step with the new base")
    func learningRateWithSchedule() throws {
        let options = CommonOptions(learningRate: ScheduledLearningRate(0.1, schedule: .step(every: 2, factor: 0.5)))
        var optimizer = try Optimizer<Double>(SGD(options: options))
        var parameters: [Tensor<Double>] = [[0]]
        let gradients: [Tensor<Double>] = [[1]]
        var taken: [Double] = []
        for step in 0..<4 {
            if step == 2 { try optimizer.setLearningRate(1) }
            let before = parameters[0][0]
            #expect(optimizer.scheduledLearningRate == optimizer.learningRate * (step < 2 ? 1 : 0.5))
            try optimizer.step(&parameters, gradients: gradients)
            taken.append(before - parameters[0][0])
        }
        #expect(optimizer.learningRate == 1)
        #expect(allClose(taken, [0.1, 0.1, 0.5, 0.5], relative: 1e-12))
    }

    @Test("updates(for:gradients:) returns the step's change and changes neither the parameters nor the optimizer")
    func updatesDoNotApply() throws {
        var generator = Xoshiro256StarStar(seed: 7)
        let parameters = [Tensor<Double>.randomNormal(shape: [3, 2], using: &generator), .randomNormal(shape: [2], using: &generator)]
        let gradients = parameters.map { Tensor<Double>.randomNormal(shape: $0.shape, using: &generator) }
        var optimizer = try Optimizer<Double>(RMSProp(learningRate: 0.01, decay: 0.9, centering: .centered, momentum: 0.5))
        var stepped = parameters
        try optimizer.step(&stepped, gradients: gradients)
        let before = optimizer
        let updates = try optimizer.updates(for: stepped, gradients: gradients)
        #expect(optimizer.stepCount == before.stepCount)
        #expect(optimizer.state == before.state)
        var applied = stepped
        try optimizer.step(&applied, gradients: gradients)
        for (index, update) in updates.enumerated() {
            #expect(update == applied[index] - stepped[index])
            #expect(allClose((stepped[index] + update).scalars, applied[index].scalars, relative: 1e-15))
        }
    }

    @Test("updates(for:gradients:) throws what a step throws")
    func updatesThrow() throws {
        let optimizer = try Optimizer<Float>(SGD(learningRate: 0.1))
        #expect(throws: OptimizerError.self) {
            try optimizer.updates(for: [[1, 2]], gradients: [[1]])
        }
    }
}
