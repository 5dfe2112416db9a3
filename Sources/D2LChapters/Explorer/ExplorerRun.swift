import D2LOptimizers
import D2LTensor
import D2LTraining

/// What the explorer shows for one setting: the path on the section's objective (in `Double`,
/// as `d2l trace` runs it), the per-coordinate step size along it, and the airfoil training
/// from scratch (in `Float`, as `d2l train` runs it).
public struct ExplorerRun: Sendable {
    /// The path, ``ExplorerGrid/maximumSteps`` steps from the section's start.
    public var trajectory: Trajectory
    /// `[x1, x2]` step sizes per unit gradient after each step; empty for an optimizer that
    /// keeps no mean square.
    public var effectiveSteps: [[Double]]
    /// The training from scratch with the section's settings.
    public var training: TrainingResult

    /// Runs `algorithm` on the 2D objective for `steps` steps and trains with it on `data`.
    ///
    /// - Throws: `OptimizerError` for invalid hyperparameters, or what the training throws.
    public init(algorithm: any OptimizationAlgorithm, steps: Int, data: SectionData<Float>, settings: Ch7Settings) throws {
        let stepSize = EffectiveStepSize(algorithm)
        var effectiveSteps: [[Double]] = []
        trajectory = try Trace2D.run(algorithm, steps: steps, as: Double.self) { state in
            guard let stepSize else { return }
            effectiveSteps.append(stepSize.sizes(state, step: effectiveSteps.count + 1))
        }
        self.effectiveSteps = effectiveSteps
        var optimizer = try Optimizer<Float>(algorithm)
        training = try TrainCh7.run(data: data, settings: settings, optimizer: &optimizer)
    }

    /// The first step whose point is not finite or lies beyond 10⁶ in either coordinate, if
    /// any: from there on the path counts as diverged.
    public var divergedAtStep: Int? {
        trajectory.points.firstIndex { point in point.contains { !$0.isFinite || abs($0) > Self.divergenceBound } }
    }

    /// Whether the training stopped on a non-finite loss or ended on one.
    public var trainingDiverged: Bool {
        training.stoppedAtStep != nil || !training.finalLoss.isFinite
    }

    /// `loss: 0.245068`: the first part of `d2l train`'s line, without the timing.
    public var lossLine: String {
        String(training.summary.prefix { $0 != "," })
    }

    /// How far from the origin a path may go before it counts as diverged.
    public static let divergenceBound = 1e6
}
