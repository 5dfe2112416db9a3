import D2LOptimizers
import D2LTensor
import D2LTestSupport
import D2LTraining
import Foundation
import Testing

@Suite("train_ch7 and train_gluon_ch7 against MXNet 1.9.1")
struct TrainCh7Tests {
    static let data = try! SectionData<Float>()
    static let scratchRuns = try! Ch7Fixture.all(path: "scratch")
    static let conciseRuns = try! Ch7Fixture.all(path: "concise")

    /// Compares losses up to the first non-finite one; relative 1e-5 as the contract asks.
    func expectLossesMatch(_ actual: [Double], _ expected: [Double], _ name: String) {
        let finite = expected.prefix { $0.isFinite }
        #expect(actual.count >= finite.count, "\(name): \(actual.count) losses, expected \(finite.count)")
        let compared = Array(actual.prefix(finite.count))
        #expect(
            allClose(compared, Array(finite), relative: 1e-5),
            "\(name): worst relative difference \(maximumRelativeDifference(compared, Array(finite)))"
        )
    }

    /// Trains with `update` and counts the updates until a parameter first holds a non-finite
    /// value, the moment MXNet's recorder noted as `first_nonfinite_update`.
    func train(
        _ fixture: Ch7Fixture, update: @escaping (inout [Tensor<Float>], [Tensor<Float>]) throws -> Void
    ) throws -> (result: TrainingResult, firstNonfiniteUpdate: Int?) {
        var updates = 0
        var firstNonfinite: Int?
        let result = try TrainCh7.run(data: Self.data, settings: fixture.settings) { parameters, gradients in
            try update(&parameters, gradients)
            updates += 1
            if firstNonfinite == nil, parameters.contains(where: { !$0.scalars.allSatisfy(\.isFinite) }) { firstNonfinite = updates }
        }
        return (result, firstNonfinite)
    }

    /// A run that MXNet recorded as finite runs every step; one that MXNet saw go non-finite
    /// does so after the same update, and the loop stops at that step: its minibatch loss,
    /// computed before its update, has already overflowed (γ = 1: after 13 updates).
    func expectEndMatches(_ run: (result: TrainingResult, firstNonfiniteUpdate: Int?), _ fixture: Ch7Fixture, _ name: String) {
        #expect(run.firstNonfiniteUpdate == fixture.firstNonfiniteUpdate, "\(name): first non-finite parameter after update \(String(describing: run.firstNonfiniteUpdate))")
        if let recorded = fixture.firstNonfiniteUpdate {
            #expect(run.result.stoppedAtStep == recorded, "\(name) stopped at \(String(describing: run.result.stoppedAtStep))")
            #expect(run.result.stoppingValue.map { !$0.isFinite } == true)
        } else {
            #expect(run.result.stoppedAtStep == nil, "\(name) stopped at \(String(describing: run.result.stoppedAtStep))")
            #expect(run.result.losses.count == fixture.losses.count)
        }
    }

    @Test("the book's from-scratch optimizers reproduce every recorded run", arguments: scratchRuns.map(\.name))
    func scratchRunsMatch(name: String) throws {
        let fixture = try #require(Self.scratchRuns.first { $0.name == name }?.fixture)
        var optimizer = ScratchOptimizer<Float>(try fixture.scratchMethod())
        let run = try train(fixture) { optimizer.update(&$0, gradients: $1) }
        expectLossesMatch(run.result.losses, fixture.losses, name)
        expectEndMatches(run, fixture, name)
        if fixture.firstNonfiniteUpdate == nil {
            #expect(allClose(run.result.parameters, fixture.parameters, relative: 1e-4, absolute: 1e-6))
        }
    }

    @Test("the fused library optimizers reproduce the recorded from-scratch runs", arguments: scratchRuns.map(\.name))
    func libraryMatchesScratchRuns(name: String) throws {
        let fixture = try #require(Self.scratchRuns.first { $0.name == name }?.fixture)
        let algorithm: any OptimizationAlgorithm
        switch try fixture.scratchMethod() {
        case let .sgd(lr): algorithm = SGD(learningRate: lr)
        case let .momentum(lr, momentum): algorithm = SGD(learningRate: lr, momentum: momentum, momentumStyle: .learningRateInsideBuffer)
        case let .adagrad(lr): algorithm = Adagrad(learningRate: lr)
        case let .rmsprop(lr, gamma): algorithm = RMSProp(learningRate: lr, decay: gamma)
        // The book's Adadelta has no learning rate (η = 1) and ε = 10⁻⁵; its Adam ε = 10⁻⁶, corrected.
        case let .adadelta(rho): algorithm = Adadelta(learningRate: 1, rho: rho, epsilon: 1e-5)
        case let .adam(lr): algorithm = Adam(learningRate: lr, beta1: 0.9, beta2: 0.999, epsilon: 1e-6, biasCorrectionStyle: .corrected)
        }
        var optimizer = try Optimizer<Float>(algorithm)
        let run = try train(fixture) { try optimizer.step(&$0, gradients: $1) }
        expectLossesMatch(run.result.losses, fixture.losses, name)
        expectEndMatches(run, fixture, name)
    }

    @Test("the Gluon-like trainer reproduces the recorded concise runs", arguments: conciseRuns.map(\.name))
    func conciseRunsMatch(name: String) throws {
        let fixture = try #require(Self.conciseRuns.first { $0.name == name }?.fixture)
        try #require(
            OptimizerRegistry.names.contains(fixture.optimizer),
            "\(name) records \(fixture.optimizer), which the registry lacks (it has \(OptimizerRegistry.names))"
        )
        let result = try TrainConcise.run(
            optimizer: fixture.optimizer, hyperparameters: fixture.hyperparameters, data: Self.data, settings: fixture.settings
        )
        expectLossesMatch(result.losses, fixture.losses, name)
        #expect(result.losses.count == fixture.losses.count)
        #expect(result.stoppedAtStep == nil && fixture.firstNonfiniteUpdate == nil, "\(name)")
    }

    @Test("a run records the loss before training and after every 100 examples")
    func recordingPoints() throws {
        var optimizer = ScratchOptimizer<Float>(.sgd(learningRate: 0.05))
        let settings = Ch7Settings(batchSize: 7, epochs: 3)
        let result = try TrainCh7.run(data: Self.data, settings: settings) { optimizer.update(&$0, gradients: $1) }
        // 1500 / 7 → 215 batches per epoch; (i + 1) · 7 is a multiple of 100 at i + 1 = 100, 200.
        #expect(result.losses.count == 1 + 3 * 2)
    }
}
