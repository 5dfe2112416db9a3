import ArgumentParser
import D2LChapters
import D2LOptimizers
import D2LTraining
import Foundation

/// `d2l sweep`: the section's experiment over a grid of learning rates and decays γ.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a grid of learning rates × gamma and compare the runs: a table, a heatmap and curves.",
        discussion: """
            --task train (default) trains the section's regression from scratch with the library's optimizer; its result is the final loss. --task trace runs the 2D function from (-5, -2) for --steps steps; its result is the distance of the last point to the optimum (0, 0).

            A run that becomes non-finite or rises above 1000 times its start is marked 'diverged'; one whose final value is within 1% of its start, 'stalled'. Any other optimizer flag of 'd2l train' (--eps, --eps-placement, --centered, --momentum, --preset, ...) applies to every run. The figures heatmap.svg (rows gamma, columns lr) and curves.svg go to --out.

            Example: d2l sweep --optimizer rmsprop --lr 0.001,0.01,0.03,0.1 --gamma 0.5,0.9,0.99,1
            """
    )

    @OptionGroup var gridOptions: SweepGridOptions
    @OptionGroup var optimizerOptions: OptimizerOptions

    @Option(help: "What each run does: train (the airfoil regression) or trace (the 2D function).")
    var task: SweepTask = .train

    @Option(help: "Folder for heatmap.svg and curves.svg.")
    var out = "sweep-output"

    @Flag(name: .customLong("no-plots"), help: "Compute and print only; write no files.")
    var noPlots = false

    @Option(help: "Output: text (a table), csv (one row per run) or json.")
    var format: OutputFormat = .text

    @Option(parsing: .unconditional, help: "Seed for initialisation and shuffling (train).", transform: parseSeed)
    var seed: UInt64 = 0

    @Option(parsing: .unconditional, help: "Passes over the data (train, ≥ 1).")
    var epochs = 2

    @Option(name: .customLong("batch-size"), parsing: .unconditional, help: "Examples per minibatch (train, ≥ 1).")
    var batchSize = 10

    @Option(parsing: .unconditional, help: "Steps on the 2D function (trace, ≥ 1).")
    var steps = 20

    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        guard epochs >= 1 else { throw ValidationError("--epochs must be ≥ 1, not \(epochs)") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be ≥ 1, not \(batchSize)") }
        guard steps >= 1 else { throw ValidationError("--steps must be ≥ 1, not \(steps)") }
    }

    func run() throws {
        let (sweep, algorithms) = try CommandFailure.checkingUsage(of: Self.self) {
            let sweep = try self.sweep()
            do {
                return (sweep, try sweep.algorithms())
            } catch let error as OptimizerError {
                throw ValidationError(error.description)
            }
        }
        try CommandFailure.handling {
            if !noPlots { try OutputFolder.check(out) }
            let progress = ProgressBar(label: "sweep", total: sweep.grid.runCount)
            let result = try sweep.run(algorithms) { completed, _ in progress.update(completed: completed) }
            progress.finish()
            print(SweepFormatter.format(result, as: format), terminator: "")
            guard !noPlots else { return }
            let written = try OutputFolder.write(to: out) { try SweepFigures(result: result).write(to: $0) }
            if format == .text { print("figures: \(written.map(\.relativePath).joined(separator: ", "))") }
        }
    }

    /// The sweep the flags describe.
    private func sweep() throws -> Sweep {
        Sweep(
            task: task, grid: try gridOptions.grid(), optimizer: optimizerOptions.optimizer,
            optimizerSettings: try optimizerOptions.settings(), preset: optimizerOptions.preset ?? .book,
            settings: Ch7Settings(batchSize: batchSize, epochs: epochs, seed: seed),
            source: try dataOptions.source(), steps: steps, statePrecision: optimizerOptions.precision(seed: seed)
        )
    }
}

extension SweepTask: ExpressibleByArgument {}
