import ArgumentParser
import D2LOptimizers

/// `d2l optimizers`: what the registry knows.
struct OptimizersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimizers",
        abstract: "List the optimizers, the options each takes, and each preset's defaults.",
        discussion: "Example: d2l optimizers"
    )

    func run() throws {
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
