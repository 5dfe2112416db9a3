import D2LDatasets
import D2LOptimizers
import D2LTensor

/// The RMSProp section end to end: the 2D trace (with Adagrad beside it), RMSProp from scratch,
/// and the concise version with a trainer created by name.
public struct RMSPropSection: Sendable {
    /// The section's 2D hyperparameters: η = 0.4, γ = 0.9, ε = 10⁻⁶.
    public static let traceAlgorithm = RMSProp(learningRate: 0.4, decay: 0.9, epsilon: 1e-6)
    /// The text's comparison: Adagrad at the same learning rate.
    public static let adagradTraceAlgorithm = Adagrad(learningRate: 0.4, epsilon: 1e-6)
    /// The from-scratch rule: η = 0.01, γ = 0.9.
    public static let scratchMethod = ScratchOptimizer<Float>.Method.rmsprop(learningRate: 0.01, gamma: 0.9)
    /// The concise run's trainer arguments, as the book passes them to Gluon.
    public static let conciseHyperparameters: [String: HyperparameterValue] = ["learning_rate": 0.01, "gamma1": 0.9]

    /// Settings of both trainings (seed, batch size, epochs, shuffling, initialisation).
    public var settings: Ch7Settings
    /// Where the airfoil data comes from.
    public var source: Airfoil.DataSource

    /// The section with the given settings and data source.
    public init(settings: Ch7Settings = Ch7Settings(), source: Airfoil.DataSource = .bundled) {
        self.settings = settings
        self.source = source
    }

    /// Runs every part of the section.
    ///
    /// - Throws: `DatasetError` when the data cannot be read.
    public func run() throws -> SectionResult {
        let data = try SectionData<Float>(source: source)
        let trace = try Trace2D.run(Self.traceAlgorithm)
        let adagradTrace = try Trace2D.run(Self.adagradTraceAlgorithm)
        var scratchOptimizer = ScratchOptimizer<Float>(Self.scratchMethod)
        let scratch = try TrainCh7.run(data: data, settings: settings) { scratchOptimizer.update(&$0, gradients: $1) }
        let concise = try TrainConcise.run(
            optimizer: "rmsprop", hyperparameters: Self.conciseHyperparameters, data: data, settings: settings
        )
        return SectionResult(trace: trace, adagradTrace: adagradTrace, scratch: scratch, concise: concise)
    }
}
