import D2LOptimizers
import D2LTensor
import D2LTraining
import Dispatch

/// Computes everything the explorer page shows, in Swift, before the page is written: for
/// every setting of ``grid`` the path on the section's objective, the per-coordinate step
/// sizes along it and the airfoil training from scratch.
///
/// ```swift
/// let section = try RMSPropSection()
/// let page = try Explorer().page(data: section.data)
/// try page.write(to: URL(filePath: "rmsprop-output"))
/// ```
///
/// The runs are independent, so they run on every core; each reads the same data.
public struct Explorer: Sendable {
    /// The optimizer explored, by registry name.
    public var optimizer: String
    /// The preset of the switch grid; the others are explored over learning rate × γ.
    public var preset: Preset
    /// The controls' values.
    public var grid: ExplorerGrid
    /// The trainings' settings (the section's: seed 0, two epochs, minibatches of 10).
    public var settings: Ch7Settings

    /// An explorer of `optimizer` under `preset`.
    public init(optimizer: String = RMSProp.name, preset: Preset = .book, grid: ExplorerGrid = .standard, settings: Ch7Settings = Ch7Settings()) {
        self.optimizer = optimizer
        self.preset = preset
        self.grid = grid
        self.settings = settings
    }

    /// The axes `optimizer` takes: a control for an option it does not take is left out.
    ///
    /// - Throws: `OptimizerError` for an unknown optimizer name.
    public func axes() throws(OptimizerError) -> ExplorerAxes {
        try ExplorerAxes(grid: grid, keys: Set(OptimizerRegistry.keys(for: optimizer)))
    }

    /// Runs every setting and returns the page.
    ///
    /// - Parameter data: The section's data, already read.
    /// - Throws: ``ExplorerError`` for an unknown optimizer or compared optimizer, or a
    ///   training that fails other than by diverging.
    public func page(data: SectionData<Float>) throws(ExplorerError) -> ExplorerPage {
        let axes: ExplorerAxes
        do {
            axes = try self.axes()
        } catch {
            throw .optimizer(error)
        }
        let main = axes.settings(preset: preset)
        let others = grid.presets.filter { $0 != preset }.map { ($0, axes.presetSettings(preset: $0)) }
        let compared = try grid.compared.map { (name) throws(ExplorerError) in
            (name, try comparedAlgorithms(name))
        }
        var jobs = main.map { (optimizer, $0) }
        for (_, settings) in others { jobs += settings.map { (optimizer, $0) } }
        let algorithms = jobs.map { name, setting in
            Result { () throws(OptimizerError) in
                try OptimizerRegistry.algorithm(named: name, settings: setting.optimizerSettings, preset: setting.preset)
            }
        } + compared.flatMap { $0.1.map { Result<any OptimizationAlgorithm, OptimizerError>.success($0) } }
        let outcomes = try run(algorithms, data: data)
        var offset = 0
        func take(_ count: Int) -> [ExplorerOutcome] {
            defer { offset += count }
            return Array(outcomes[offset..<offset + count])
        }
        let mainOutcomes = take(main.count)
        let presetOutcomes = others.map { ($0.0, take($0.1.count)) }
        let comparedOutcomes = compared.map { ($0.0, take($0.1.count)) }
        return ExplorerPage(
            optimizer: optimizer, preset: preset, axes: axes, settings: settings, main: mainOutcomes,
            presets: presetOutcomes, compared: comparedOutcomes
        )
    }

    /// `name` with the section's defaults at each learning rate of the grid.
    private func comparedAlgorithms(_ name: String) throws(ExplorerError) -> [any OptimizationAlgorithm] {
        do {
            return try grid.learningRates.map { (learningRate) throws(OptimizerError) in
                var settings = OptimizerSettings()
                settings.learningRate = learningRate
                return try OptimizerRegistry.algorithm(named: name, settings: settings, preset: .book)
            }
        } catch {
            throw .optimizer(error)
        }
    }

    /// Runs each valid algorithm, on every core; an invalid one is a refusal to show.
    private func run(_ algorithms: [Result<any OptimizationAlgorithm, OptimizerError>], data: SectionData<Float>) throws(ExplorerError) -> [ExplorerOutcome] {
        let results = ResultSlots<ExplorerOutcome, ExplorerError>(count: algorithms.count)
        let (steps, settings) = (grid.maximumSteps, settings)
        DispatchQueue.concurrentPerform(iterations: algorithms.count) { index in
            switch algorithms[index] {
            case let .failure(error):
                results.store(.success(.refused(error.description)), at: index)
            case let .success(algorithm):
                do {
                    results.store(.success(.ran(try ExplorerRun(algorithm: algorithm, steps: steps, data: data, settings: settings))), at: index)
                } catch {
                    results.store(.failure(.training("\(error)")), at: index)
                }
            }
        }
        return try results.values()
    }
}
