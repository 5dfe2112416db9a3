import D2LDatasets
import D2LOptimizers
import D2LTensor
import D2LTraining

/// The RMSProp section end to end: the 2D trace (with Adagrad beside it), RMSProp from scratch,
/// and the concise version with a trainer created by name; then, when asked, its exercises.
///
/// The data is read (and its digest checked) once, when the section is made; ``run()`` does
/// the book's work only, and ``exercises()`` the exercises' runs.
public struct RMSPropSection: Sendable {
    /// The section's 2D hyperparameters: η = 0.4, γ = 0.9, ε = 10⁻⁶.
    public static let traceAlgorithm = RMSProp(learningRate: 0.4, decay: 0.9, epsilon: 1e-6)
    /// The text's comparison: Adagrad at the same learning rate.
    public static let adagradTraceAlgorithm = Adagrad(learningRate: 0.4, epsilon: 1e-6)
    /// The from-scratch rule: η = 0.01, γ = 0.9.
    public static let scratchMethod = ScratchOptimizer<Float>.Method.rmsprop(learningRate: 0.01, decay: 0.9)
    /// The concise run's trainer arguments, as the book passes them to Gluon.
    public static let conciseHyperparameters: [String: HyperparameterValue] = ["learning_rate": 0.01, "gamma1": 0.9]
    /// The grid of the second exercise's sweep: η ∈ {0.001, 0.01, 0.03, 0.1} × γ ∈ {0.5, 0.9,
    /// 0.99, 1}, each run the from-scratch training with the section's settings.
    public static let exerciseGrid = SweepGrid.exercise

    /// Settings of both trainings (seed, batch size, epochs, shuffling, initialisation).
    public var settings: Ch7Settings
    /// The airfoil data as the section splits it.
    public var data: SectionData<Float>

    /// The section with the given settings, reading the data from `source`.
    ///
    /// - Throws: `DatasetError` when the data cannot be read.
    public init(settings: Ch7Settings = Ch7Settings(), source: Airfoil.DataSource = .bundled) throws(DatasetError) {
        self.settings = settings
        data = try SectionData<Float>(source: source)
    }

    /// Runs every part of the section, as the book does.
    ///
    /// - Throws: `OptimizerError` or `TrainingInterrupted` from the trainings.
    public func run() throws -> SectionResult {
        let trace = try Trace2D.run(Self.traceAlgorithm)
        let adagradTrace = try Trace2D.run(Self.adagradTraceAlgorithm)
        var scratchOptimizer = ScratchOptimizer<Float>(Self.scratchMethod)
        let scratch = try TrainCh7.run(data: data, settings: settings) { scratchOptimizer.update(&$0, gradients: $1) }
        let concise = try TrainConcise.run(
            optimizer: "rmsprop", hyperparameters: Self.conciseHyperparameters, data: data, settings: settings
        )
        return SectionResult(trace: trace, adagradTrace: adagradTrace, scratch: scratch, concise: concise)
    }

    /// Runs the exercises: γ = 1 on the 2D objective and on the regression (the book's rule from
    /// scratch), the learning rate × γ sweep of ``exerciseGrid``, and the least-squares optimum
    /// the model can reach.
    ///
    /// - Throws: `OptimizerError` or `TrainingInterrupted` from the runs.
    public func exercises() throws -> SectionExercises {
        let trace = try Trace2D.run(RMSProp(learningRate: 0.4, decay: 1, epsilon: 1e-6))
        var optimizer = ScratchOptimizer<Float>(.rmsprop(learningRate: 0.01, decay: 1))
        let training = try TrainCh7.run(data: data, settings: settings) { optimizer.update(&$0, gradients: $1) }
        let sweep = try Sweep(task: .train, grid: Self.exerciseGrid, settings: settings).run(data: data)
        let featureCount = data.featureCount
        let scalars = data.features.scalars.map(Double.init)
        let features = stride(from: 0, to: scalars.count, by: featureCount).map { Array(scalars[$0..<$0 + featureCount]) }
        let optimum = LeastSquares.optimalLoss(features: features, labels: data.labels.scalars.map(Double.init))
        var floatState = try Optimizer<Float>(RMSProp(learningRate: 0.01, decay: 0.9))
        var eightBitState = try Optimizer<Float>(RMSProp(learningRate: 0.01, decay: 0.9), statePrecision: .eightBit(minimumSize: 1))
        let comparison = StatePrecisionComparison(
            float: try TrainCh7.run(data: data, settings: settings, optimizer: &floatState),
            eightBit: try TrainCh7.run(data: data, settings: settings, optimizer: &eightBitState),
            floatStateBytes: floatState.state.byteCount, eightBitStateBytes: eightBitState.state.byteCount)
        return SectionExercises(
            decayOneTrace: trace, decayOneTraining: training, sweep: sweep, optimalLoss: optimum, statePrecisions: comparison)
    }
}
