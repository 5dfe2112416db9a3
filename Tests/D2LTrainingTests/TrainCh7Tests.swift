import D2LOptimizers
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

    @Test("the book's from-scratch optimizers reproduce every recorded run", arguments: scratchRuns.map(\.name))
    func scratchRunsMatch(name: String) throws {
        let fixture = try #require(Self.scratchRuns.first { $0.name == name }?.fixture)
        var optimizer = ScratchOptimizer<Float>(fixture.scratchMethod)
        let result = try TrainCh7.run(data: Self.data, settings: fixture.settings) { optimizer.update(&$0, gradients: $1) }
        expectLossesMatch(result.losses, fixture.losses, name)
        if fixture.firstNonfiniteUpdate == nil {
            #expect(result.losses.count == fixture.losses.count)
            #expect(allClose(result.parameters, fixture.parameters, relative: 1e-4, absolute: 1e-6))
        } else {
            #expect(result.stoppedAtStep != nil, "\(name) should stop on a non-finite loss")
        }
    }

    @Test("the fused library optimizers reproduce the recorded from-scratch runs", arguments: scratchRuns.map(\.name))
    func libraryMatchesScratchRuns(name: String) throws {
        let fixture = try #require(Self.scratchRuns.first { $0.name == name }?.fixture)
        let algorithm: any OptimizationAlgorithm
        switch fixture.scratchMethod {
        case let .sgd(lr): algorithm = SGD(learningRate: lr)
        case let .momentum(lr, momentum): algorithm = SGD(learningRate: lr, momentum: momentum, momentumStyle: .learningRateInsideBuffer)
        case let .adagrad(lr): algorithm = Adagrad(learningRate: lr)
        case let .rmsprop(lr, gamma): algorithm = RMSProp(learningRate: lr, decay: gamma)
        case .adadelta, .adam: return
        }
        var optimizer = try Optimizer<Float>(algorithm)
        let result = try TrainCh7.run(data: Self.data, settings: fixture.settings) { try optimizer.step(&$0, gradients: $1) }
        expectLossesMatch(result.losses, fixture.losses, name)
    }

    @Test("the Gluon-like trainer reproduces the recorded concise runs", arguments: conciseRuns.map(\.name))
    func conciseRunsMatch(name: String) throws {
        let fixture = try #require(Self.conciseRuns.first { $0.name == name }?.fixture)
        guard OptimizerRegistry.names.contains(fixture.optimizer) else { return }
        let result = try TrainConcise.run(
            optimizer: fixture.optimizer, hyperparameters: fixture.hyperparameters, data: Self.data, settings: fixture.settings
        )
        expectLossesMatch(result.losses, fixture.losses, name)
        #expect(result.losses.count == fixture.losses.count)
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
