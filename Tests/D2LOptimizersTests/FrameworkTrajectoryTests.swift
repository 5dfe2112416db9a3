import D2LOptimizers
import D2LTestSupport
import Foundation
import Testing

/// Every recorded trajectory file, by path under Tests/Fixtures.
let trajectoryFiles: [String] = {
    let presets = ["pytorch", "optax", "keras", "tensorflow1"].flatMap { preset in
        (try? Fixtures.files(in: "optimizers/\(preset)"))?.filter { $0 != "manifest.json" }.map { "optimizers/\(preset)/\($0)" } ?? []
    }
    let mxnet = ((try? Fixtures.files(in: "mxnet")) ?? []).filter { $0.hasPrefix("mxnet-") }.map { "mxnet/\($0)" }
    return presets + mxnet
}()

@Suite("Presets against trajectories recorded from each framework")
struct FrameworkTrajectoryTests {
    @Test("replaying the recorded gradients gives the framework's parameters", arguments: trajectoryFiles)
    func trajectory(path: String) throws {
        let fixture = try TrajectoryFixture.load(path)
        let (worst, step) = fixture.dtype == "float64" ? try fixture.replay(as: Double.self) : try fixture.replay(as: Float.self)
        let tolerance = fixture.dtype == "float32" ? 1e-6 : 1e-12
        #expect(worst <= tolerance, "\(path): worst difference \(worst) of the scale at step \(step)")
    }

    @Test("the learning rate at each step follows the framework's schedule", arguments: trajectoryFiles)
    func schedule(path: String) throws {
        let fixture = try TrajectoryFixture.load(path)
        let learningRate = try fixture.algorithm().options.learningRate
        for (k, step) in fixture.steps.enumerated() {
            guard let recorded = step.lr else { continue }
            let computed = learningRate.value(atStep: k)
            #expect(abs(computed - recorded) <= 1e-6 * max(abs(recorded), 1e-3), "\(path) step \(k): \(computed) vs \(recorded)")
        }
    }
}
