import ArgumentParser
import D2LOptimizers

/// `d2l optimizers`: what the registry knows, or with `--explain` the exact update one
/// configuration makes.
struct OptimizersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimizers",
        abstract: "List the optimizers, the options each takes, and each preset's defaults; or explain one configuration.",
        discussion: """
            --explain prints the update of one step, one numbered operation per line in the order the fused kernel \
            computes it, then every value as the kernel holds it.
            Example: d2l optimizers
            Example: d2l optimizers --explain --optimizer rmsprop --centered --momentum 0.9 --preset pytorch
            """
    )

    @Flag(help: "Print the update the given optimizer and options make, operation by operation.")
    var explain = false

    @OptionGroup var rates: RateOptions
    @OptionGroup var optimizerOptions: OptimizerOptions

    @Option(help: "Scalar type the values are shown in (with --explain): float or double.")
    var dtype: ScalarType = .float

    func validate() throws {
        if optimizerOptions.statePrecision != .float32 {
            throw ValidationError("--state-precision applies to train, trace, sweep and bench, not optimizers")
        }
        guard !explain else { return }
        if try optimizerOptions.settings() != OptimizerSettings() || optimizerOptions.preset != nil
            || optimizerOptions.optimizer != OptimizerOptions.defaultOptimizer || rates.lr != nil || rates.gamma != nil {
            throw ValidationError("optimizer and option flags describe one configuration: add --explain")
        }
    }

    func run() throws {
        try CommandFailure.handling {
            if explain {
                let algorithm = try CommandFailure.checkingUsage(of: Self.self) {
                    try optimizerOptions.algorithm(rates: rates, sectionLearningRate: 0.01)
                }
                print(dtype == .float ? algorithm.explain(as: Float.self) : algorithm.explain(as: Double.self))
            } else {
                try list()
            }
        }
    }

    private func list() throws {
        print("Optimizers and their options (canonical names; CLI flags use dashes):")
        for name in OptimizerRegistry.names {
            print("  \(name): \(try OptimizerRegistry.keys(for: name).joined(separator: ", "))")
        }
        print("\nAliases: " + HyperparameterKey.aliases.sorted { $0.key < $1.key }.map { "\($0.key) → \($0.value.rawValue)" }.joined(separator: ", "))
        print("\nPresets (the learning rate stays the section's unless --lr is given):")
        for preset in Preset.allCases {
            print("  \(preset.rawValue):")
            for name in OptimizerRegistry.names {
                let algorithm = try OptimizerRegistry.algorithm(named: name, preset: preset)
                print("    \(name): \(algorithm.summary)")
            }
        }
    }
}
