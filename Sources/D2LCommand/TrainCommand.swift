import ArgumentParser
import D2LChapters
import D2LOptimizers
import D2LTensor
import D2LTraining
import Foundation

/// `d2l train`: the section's linear regression on the airfoil data with any optimizer.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the section's linear regression on the airfoil data.",
        discussion: """
            Without --concise: train_ch7 (mean loss per batch, the book's conventions). With --concise:
            train_gluon_ch7 (Dense(1), L2 loss, a Gluon-style Trainer; Gluon's defaults, e.g. eps 1e-8).
            --plot FILE.svg draws the recorded loss against epoch.
            --hidden 256,256 trains a ReLU MLP with those hidden widths instead of the linear model.
            mpirun -np N d2l train --data-parallel trains across N ranks (a build with --traits MPI); rank 0 prints.
            --checkpoint FILE saves the run at the end of every epoch and on Ctrl-C (exit 130); add --resume
            to continue it bit for bit.
            Example: d2l train --optimizer rmsprop --lr 0.01 --gamma 0.9 --format json
            """
    )

    @OptionGroup var rates: RateOptions
    @OptionGroup var optimizerOptions: OptimizerOptions
    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var parallelOptions: DataParallelOptions

    @Flag(help: "Use the concise path: Dense layer, L2 loss and a Trainer created by name.")
    var concise = false

    @Option(parsing: .unconditional, help: "Passes over the data (≥ 1).")
    var epochs = 2

    @Option(name: .customLong("batch-size"), parsing: .unconditional, help: "Examples per minibatch (≥ 1).")
    var batchSize = 10

    @Option(parsing: .unconditional, help: "Seed for initialisation and shuffling.", transform: parseSeed)
    var seed: UInt64 = 0

    @Flag(name: .customLong("no-shuffle"), help: "Visit the examples in file order every epoch.")
    var noShuffle = false

    @Option(help: "Weight initialisation: normal (σ 0.01) or zeros.")
    var `init`: Ch7Settings.Initialization = .normal

    @Option(
        help: ArgumentHelp("Train a ReLU MLP with hidden layers of these widths instead of the linear model.", valueName: "H1,H2,…"),
        transform: parseHiddenLayers
    )
    var hidden: [Int]?

    @Option(help: "Scalar type: float or double.")
    var dtype: ScalarType = .float

    @Option(help: "Output: text (the book's line) or json.")
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp("Draw the recorded loss against epoch into this SVG file.", valueName: "file.svg"))
    var plot: String?

    @Option(name: .customLong("bias-lr-mult"), parsing: .unconditional, help: "Learning-rate multiplier for the bias.")
    var biasLearningRateMultiplier: Double?

    @Option(name: .customLong("bias-wd-mult"), parsing: .unconditional, help: "Weight-decay multiplier for the bias.")
    var biasWeightDecayMultiplier: Double?

    @Option(help: ArgumentHelp(
        "Save model, optimizer, random-generator state, position and losses to this file at the end of every epoch and on Ctrl-C (then exit 130).",
        valueName: "file"
    ))
    var checkpoint: String?

    @Flag(help: "Continue from --checkpoint FILE up to --epochs in total; the file must come from the same options and data.")
    var resume = false

    func validate() throws {
        if resume && checkpoint == nil { throw ValidationError("--resume continues from a file given with --checkpoint FILE") }
        guard epochs >= 1 else { throw ValidationError("--epochs must be ≥ 1, not \(epochs)") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be ≥ 1, not \(batchSize)") }
        guard format != .csv else { throw ValidationError("--format for train is text or json") }
        if let plot { try PlotFile.validate(plot) }
        for (name, value) in [("--bias-lr-mult", biasLearningRateMultiplier), ("--bias-wd-mult", biasWeightDecayMultiplier)] {
            if let value, !(value.isFinite && value >= 0) { throw ValidationError("\(name) must be a finite number ≥ 0, not \(value)") }
        }
    }

    var settings: Ch7Settings {
        Ch7Settings(batchSize: batchSize, epochs: epochs, shuffle: !noShuffle, seed: seed, initialization: `init`, hiddenLayers: hidden ?? [])
    }

    /// The bias multipliers, for the bias of every layer (parameters 1, 3, 5, …).
    var multipliers: [Int: ParameterMultipliers] {
        guard biasLearningRateMultiplier != nil || biasWeightDecayMultiplier != nil else { return [:] }
        let multiplier = ParameterMultipliers(learningRate: biasLearningRateMultiplier ?? 1, weightDecay: biasWeightDecayMultiplier ?? 1)
        return Dictionary(uniqueKeysWithValues: (0...(hidden ?? []).count).map { (2 * $0 + 1, multiplier) })
    }

    func run() throws {
        if let plot { try PlotFile.checkWritable(plot) }
        if parallelOptions.isEnabled { return try runDataParallel() }
        try CommandFailure.handling {
            let algorithm = try CommandFailure.checkingUsage(of: Self.self) {
                try optimizerOptions.algorithm(rates: rates, sectionLearningRate: 0.01, defaultPreset: concise ? .mxnet : .book)
            }
            let result = try ProgressBar.followingTraining(label: "train") {
                try dtype == .float ? train(algorithm, as: Float.self) : train(algorithm, as: Double.self)
            }
            print(TrainingFormatter.format(result, as: format), terminator: "")
            if let plot { try writePlot(result, of: algorithm, to: plot) }
            if let step = result.stoppedAtStep, let value = result.stoppingValue {
                try CommandFailure.fail(
                    "training stopped at step \(step): the minibatch loss became \(value); try a smaller learning rate or gamma < 1",
                    status: CommandFailure.nonFinite
                )
            }
        }
    }

    /// Draws the losses `algorithm` recorded against epoch into `path`, atomically.
    func writePlot(_ result: TrainingResult, of algorithm: any OptimizationAlgorithm, to path: String) throws {
        var title = "\(SectionFigures.label(optimizerOptions.optimizer, algorithm)), \(concise ? "concise" : "from scratch")"
        title += result.stoppedAtStep.map { ", stopped at step \($0)" } ?? ", seed \(seed)"
        let finite = result.losses.filter { $0.isFinite && $0 > 0 }
        let spansDecades = (finite.max() ?? 1) > 100 * (finite.min() ?? 1)
        let figure = SectionFigures.losses([("", result)], settings: settings, title: title, logarithmic: spansDecades)
        try PlotFile.write(to: path) { try figure.write(to: $0) }
    }

    private func train<Scalar: TensorScalar>(_ algorithm: any OptimizationAlgorithm, as _: Scalar.Type) throws -> TrainingResult {
        let data = try SectionData<Scalar>(source: dataOptions.source())
        var checkpointing: Checkpointing?
        var interruptHandler: InterruptHandler?
        if let checkpoint {
            let stop = StopRequest()
            interruptHandler = InterruptHandler(requesting: stop)
            checkpointing = Checkpointing(file: URL(fileURLWithPath: checkpoint), resume: resume, stopRequest: stop)
        }
        defer { withExtendedLifetime(interruptHandler) {} }
        if concise {
            return try TrainConcise.run(
                algorithm: algorithm, multipliers: multipliers, data: data, settings: settings, checkpointing: checkpointing,
                statePrecision: optimizerOptions.precision(seed: seed))
        }
        var optimizer = try Optimizer<Scalar>(algorithm, statePrecision: optimizerOptions.precision(seed: seed))
        optimizer.multipliers = multipliers
        return try TrainCh7.run(data: data, settings: settings, optimizer: &optimizer, checkpointing: checkpointing)
    }
}

extension Ch7Settings.Initialization: ExpressibleByArgument {}
