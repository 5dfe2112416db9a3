import ArgumentParser
import D2LChapters
import D2LOptimizers
import D2LTraining
import Foundation

/// `d2l trace`: an optimizer's path on the section's 2D objective.
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Run an optimizer on f(x) = 0.1·x1² + 2·x2² and print its path.",
        discussion: """
            The defaults are the section's: rmsprop, lr 0.4, gamma 0.9, eps 1e-6, 20 steps from (-5, -2).
            --plot FILE.svg draws the path over the contour lines of f; each --compare NAME adds NAME's path with its section defaults (lr 0.4) to that figure only.
            Example: d2l trace --optimizer adagrad --lr 0.4 --format csv
            Example: d2l trace --plot paths.svg --compare adagrad --compare sgd
            """
    )

    @OptionGroup var rates: RateOptions
    @OptionGroup var optimizerOptions: OptimizerOptions

    @Option(parsing: .unconditional, help: "Number of steps.")
    var steps = 20

    @Option(parsing: .unconditional, help: "Start point x1,x2.", transform: parsePoint)
    var start: [Double] = Trace2D.sectionStart

    @Option(help: "Scalar type: double or float.")
    var dtype: ScalarType = .double

    @Option(help: "Output: text (the book's line), csv (step,x1,x2) or json.")
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp("Draw the path over the contour lines of f into this SVG file.", valueName: "file.svg"))
    var plot: String?

    @Option(help: ArgumentHelp("Add this optimizer's path, with its section defaults (lr 0.4), to the --plot figure; repeatable.", valueName: "name"))
    var compare: [String] = []

    func validate() throws {
        guard steps >= 0 else { throw ValidationError("--steps must be ≥ 0, not \(steps)") }
        if let plot { try PlotFile.validate(plot) }
        if !compare.isEmpty && plot == nil { throw ValidationError("--compare adds paths to the --plot figure: give --plot FILE.svg too") }
    }

    func run() throws {
        let compared = try CommandFailure.checkingUsage(of: Self.self) { try comparedAlgorithms() }
        if let plot { try PlotFile.checkWritable(plot) }
        let algorithm = try CommandFailure.checkingUsage(of: Self.self) {
            try optimizerOptions.algorithm(rates: rates, sectionLearningRate: 0.4)
        }
        let trajectory = try trace(algorithm, statePrecision: optimizerOptions.precision())
        print(TrajectoryFormatter.format(trajectory, as: format), terminator: "")
        guard let plot else { return }
        var paths = [(name: SectionFigures.label(optimizerOptions.optimizer, algorithm), trajectory: trajectory)]
        for (name, comparedAlgorithm) in compared {
            paths.append((SectionFigures.label(name, comparedAlgorithm), try trace(comparedAlgorithm)))
        }
        let figure = SectionFigures.trace(paths, title: SectionFigures.traceTitle(steps: steps, start: start))
        try PlotFile.write(to: plot) { try figure.write(to: $0) }
    }

    private func trace(_ algorithm: any OptimizationAlgorithm, statePrecision: StatePrecision = .float32) throws -> Trajectory {
        try dtype == .double
            ? Trace2D.run(algorithm, start: start, steps: steps, as: Double.self, statePrecision: statePrecision)
            : Trace2D.run(algorithm, start: start, steps: steps, as: Float.self, statePrecision: statePrecision)
    }

    /// The `--compare` optimizers with the section's defaults: lr 0.4 and the book's conventions.
    private func comparedAlgorithms() throws -> [(String, any OptimizationAlgorithm)] {
        var sectionDefaults = OptimizerSettings()
        sectionDefaults.learningRate = 0.4
        return try compare.map { name in
            do {
                return (name, try OptimizerRegistry.algorithm(named: name, settings: sectionDefaults, preset: .book))
            } catch {
                throw ValidationError("--compare \(name): \(error)")
            }
        }
    }
}

/// Parses `x1,x2`.
func parsePoint(_ text: String) throws -> [Double] {
    let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
    guard parts.count == 2, let x1 = parts[0], let x2 = parts[1], x1.isFinite, x2.isFinite else {
        throw ValidationError("expected a point as two finite numbers x1,x2 (e.g. --start=-5,-2), not '\(text)'")
    }
    return [x1, x2]
}
