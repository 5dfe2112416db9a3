import D2LChapters
import D2LOptimizers
import D2LTestSupport
import D2LTraining
import Foundation
import Testing

/// `trace-2d.json`: the book's `train_2d` runs, recorded with its pure-Python code.
struct Trace2DFixture: Decodable {
    struct Run: Decodable {
        var optimizer: String
        var eta: Double
        var gamma: Double?
        var trajectory: [[Double]]
    }
    var runs: [Run]
}

@Suite("The 2D trace (train_2d)")
struct Trace2DTests {
    static let fixture = try! Fixtures.decode(Trace2DFixture.self, from: "mxnet/trace-2d.json")

    @Test("RMSProp prints the book's line")
    func bookLine() throws {
        #expect(try Trace2D.run(RMSPropSection.traceAlgorithm).summary == "epoch 20, x1 -0.010599, x2 0.000000")
    }

    @Test("Adagrad at the same learning rate prints the text's comparison")
    func adagradLine() throws {
        #expect(try Trace2D.run(RMSPropSection.adagradTraceAlgorithm).summary == "epoch 20, x1 -2.382563, x2 -0.158591")
    }

    @Test("every recorded trajectory is reproduced to 1e-12 of its scale", arguments: fixture.runs.indices)
    func recordedTrajectories(index: Int) throws {
        let run = Self.fixture.runs[index]
        let algorithm: any OptimizationAlgorithm = run.optimizer == "adagrad"
            ? Adagrad(learningRate: run.eta, epsilon: 1e-6)
            : RMSProp(learningRate: run.eta, decay: try #require(run.gamma), epsilon: 1e-6)
        let trajectory = try Trace2D.run(algorithm, steps: run.trajectory.count - 1)
        for (actual, expected) in zip(trajectory.points, run.trajectory) {
            let scale = expected.map(abs).max()! + 1
            #expect(allClose(actual, expected, relative: 1e-12, scale: scale), "\(run.optimizer) η \(run.eta): \(actual) vs \(expected)")
        }
    }

    @Test("the Float trace agrees with the Double trace to Float accuracy")
    func floatTrace() throws {
        let double = try Trace2D.run(RMSPropSection.traceAlgorithm, as: Double.self)
        let float = try Trace2D.run(RMSPropSection.traceAlgorithm, as: Float.self)
        #expect(allClose(float.final, double.final, relative: 0, absolute: 1e-5))
    }

    @Test("a start point without two coordinates is an error")
    func badStart() {
        #expect(throws: OptimizerError.self) { try Trace2D.run(RMSPropSection.traceAlgorithm, start: [1, 2, 3]) }
    }
}
