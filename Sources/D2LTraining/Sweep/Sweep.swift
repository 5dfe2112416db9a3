import D2LDatasets
import D2LOptimizers
import D2LTensor
import Foundation

/// The section's second exercise as a program: the same experiment over a grid of learning
/// rates and decays γ, each run judged as finished, diverged or stalled.
///
/// ```swift
/// let sweep = Sweep(task: .train, grid: .exercise, settings: Ch7Settings(seed: 0))
/// let result = try sweep.run()
/// for run in result.allRuns { print(run.label, run.outcome, run.finalValue) }
/// try SweepFigures(result: result).write(to: URL(filePath: "sweep-output"))
/// ```
///
/// Every run starts from the same state: the training draws the same initial weight and the
/// same shuffles from ``Ch7Settings/seed``, the 2D runs start from the same point, so the
/// runs differ only in their hyperparameters.
public struct Sweep: Sendable {
    /// What each run does.
    public var task: SweepTask
    /// The learning rates and decays to run.
    public var grid: SweepGrid
    /// The optimizer's registry name.
    public var optimizer: String
    /// Choices shared by every run (such as ε or centring); a learning rate or decay here is
    /// replaced by the grid's when the grid has that axis.
    public var optimizerSettings: OptimizerSettings
    /// The framework conventions for every option not given.
    public var preset: Preset
    /// The training's settings (``SweepTask/train``).
    public var settings: Ch7Settings
    /// Where the training's data comes from (``SweepTask/train``).
    public var source: Airfoil.DataSource
    /// Steps on the 2D objective (``SweepTask/trace``).
    public var steps: Int
    /// The start point on the 2D objective (``SweepTask/trace``).
    public var start: [Double]
    /// How every run's optimizer keeps its state.
    public var statePrecision: StatePrecision

    /// A sweep; the defaults are the section's RMSProp experiment over the exercise's grid.
    public init(
        task: SweepTask = .train, grid: SweepGrid = .exercise, optimizer: String = "rmsprop",
        optimizerSettings: OptimizerSettings = OptimizerSettings(), preset: Preset = .book,
        settings: Ch7Settings = Ch7Settings(), source: Airfoil.DataSource = .bundled,
        steps: Int = 20, start: [Double] = Trace2D.sectionStart, statePrecision: StatePrecision = .float32
    ) {
        self.task = task
        self.grid = grid
        self.optimizer = optimizer
        self.optimizerSettings = optimizerSettings
        self.preset = preset
        self.settings = settings
        self.source = source
        self.steps = steps
        self.start = start
        self.statePrecision = statePrecision
    }

    /// The algorithm of every run, `[row][column]`, all checked before anything runs.
    ///
    /// - Throws: `OptimizerError` for an unknown optimizer, an option it does
    ///   not take (such as a decay for SGD), or a value out of range anywhere in the grid.
    public func algorithms() throws(OptimizerError) -> [[any OptimizationAlgorithm]] {
        var shared = optimizerSettings
        if !grid.learningRates.isEmpty { shared.learningRate = nil }
        if !grid.decays.isEmpty { shared.decay = nil }
        if shared.learningRate == nil && grid.learningRates.isEmpty { shared.learningRate = task.sectionLearningRate }
        var table: [[any OptimizationAlgorithm]] = []
        for decay in grid.rows {
            var row: [any OptimizationAlgorithm] = []
            for learningRate in grid.columns {
                var settings = shared
                if let learningRate { settings.learningRate = learningRate }
                if let decay { settings.decay = decay }
                row.append(try OptimizerRegistry.algorithm(named: optimizer, settings: settings, preset: preset))
            }
            table.append(row)
        }
        return table
    }

    /// Runs the grid row by row.
    ///
    /// - Parameter progress: Called after each run with the number of runs done and the total.
    /// - Throws: `OptimizerError` (see ``algorithms()``) before any run, or
    ///   `DatasetError` when the training's data cannot be read. A run that
    ///   diverges is a result, not an error.
    public func run(progress: ((_ completed: Int, _ total: Int) -> Void)? = nil) throws -> SweepResult {
        try run(algorithms(), progress: progress)
    }

    /// Runs `algorithms`, as ``algorithms()`` returned them, reading the training's data from
    /// ``source``: for a caller that has already built (and so checked) the grid's algorithms.
    ///
    /// - Throws: `DatasetError` when the training's data cannot be read.
    package func run(
        _ algorithms: [[any OptimizationAlgorithm]], progress: ((_ completed: Int, _ total: Int) -> Void)? = nil
    ) throws -> SweepResult {
        try run(algorithms, data: task == .train ? try SectionData<Float>(source: source) : nil, progress: progress)
    }

    /// Runs the grid row by row on data already read (``source`` is not read again).
    ///
    /// - Parameters:
    ///   - data: The training's data; needed for ``SweepTask/train``, unused for
    ///     ``SweepTask/trace``.
    ///   - progress: Called after each run with the number of runs done and the total.
    /// - Throws: `OptimizerError` (see ``algorithms()``) before any run, or ``SweepError``
    ///   when a training sweep is given no data.
    public func run(data: SectionData<Float>?, progress: ((_ completed: Int, _ total: Int) -> Void)? = nil) throws -> SweepResult {
        try run(algorithms(), data: data, progress: progress)
    }

    private func run(
        _ algorithms: [[any OptimizationAlgorithm]], data: SectionData<Float>?, progress: ((_ completed: Int, _ total: Int) -> Void)?
    ) throws -> SweepResult {
        if task == .train && data == nil { throw SweepError.missingData }
        var completed = 0
        var runs: [[SweepRun]] = []
        for (decay, row) in zip(grid.rows, algorithms) {
            var results: [SweepRun] = []
            for algorithm in row {
                results.append(try run(algorithm, decay: decay, data: data))
                completed += 1
                progress?(completed, grid.runCount)
            }
            runs.append(results)
        }
        return SweepResult(task: task, optimizer: optimizer, grid: grid, runs: runs, setting: setting)
    }

    /// One line describing what every run shares.
    public var setting: String {
        switch task {
        case .train:
            "the airfoil regression from scratch, \(settings.epochs) epoch\(settings.epochs == 1 ? "" : "s"), minibatches of "
                + "\(settings.batchSize), seed \(settings.seed), preset \(preset.rawValue)"
        case .trace:
            "f(x) = 0.1·x1² + 2·x2², \(steps) steps from (\(SweepGrid.label(start[0])), \(SweepGrid.label(start[1]))), "
                + "preset \(preset.rawValue)"
        }
    }

    private func run(_ algorithm: any OptimizationAlgorithm, decay: Double?, data: SectionData<Float>?) throws -> SweepRun {
        let learningRate = algorithm.options.learningRate.base
        switch task {
        case .train:
            guard let data else { throw SweepError.missingData }
            var optimizer = try Optimizer<Float>(algorithm, statePrecision: statePrecision)
            let result = try TrainCh7.run(data: data, settings: settings) { parameters, gradients in
                try optimizer.step(&parameters, gradients: gradients)
            }
            let positions = settings.recordPositions(exampleCount: data.features.shape[0])
            return SweepRun(
                learningRate: learningRate, decay: decay, curvePositions: Array(positions.prefix(result.losses.count)),
                curve: result.losses, finalValue: result.finalLoss, stoppedAtStep: result.stoppedAtStep
            )
        case .trace:
            let objective = SectionQuadratic()
            let trajectory = try Trace2D.run(
                algorithm, objective: objective, start: start, steps: steps, as: Double.self, statePrecision: statePrecision)
            let final = trajectory.final
            return SweepRun(
                learningRate: learningRate, decay: decay, curvePositions: trajectory.points.indices.map(Double.init),
                curve: trajectory.points.map { objective.value($0[0], $0[1]) },
                finalValue: (final[0] * final[0] + final[1] * final[1]).squareRoot(), finalPoint: final
            )
        }
    }
}
