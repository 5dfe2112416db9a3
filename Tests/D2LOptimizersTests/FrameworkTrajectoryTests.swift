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

/// Cells whose framework computes a Float learning rate with a cosine that rounds differently
/// from the C library's `cosf` on some steps (TensorFlow 1's graph-mode kernel): a few units in
/// the last place of a Float learning rate, so the Double trajectory agrees to 1e-7 of its scale.
let floatCosineCells: Set<String> = [
    "optimizers/tensorflow1/tensorflow1-schedule_cosine-linreg-float64.json",
    "optimizers/tensorflow1/tensorflow1-schedule_cosine-quadratic2d-float64.json",
]

@Suite("Presets against trajectories recorded from each framework")
struct FrameworkTrajectoryTests {
    @Test("replaying the recorded gradients gives the framework's parameters", arguments: trajectoryFiles)
    func trajectory(path: String) throws {
        let fixture = try TrajectoryFixture.load(path)
        let (worst, step) = fixture.dtype == "float64" ? try fixture.replay(as: Double.self) : try fixture.replay(as: Float.self)
        let tolerance = fixture.dtype == "float32" ? 1e-6 : floatCosineCells.contains(path) ? 1e-7 : 1e-12
        #expect(worst <= tolerance, "\(path): worst difference \(worst) of the scale at step \(step)")
    }

    @Test("where a Float cosine differs, the learning rate is off by a few Float ulps at most", arguments: Array(floatCosineCells))
    func floatCosine(path: String) throws {
        let fixture = try TrajectoryFixture.load(path)
        let learningRate = try fixture.algorithm().options.learningRate
        for (k, step) in fixture.steps.enumerated() {
            let computed = Float(learningRate.value(atStep: k))
            let recorded = Float(try #require(step.lr))
            #expect(abs(computed - recorded) <= 4 * recorded.ulp, "step \(k): \(computed) vs \(recorded)")
        }
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
