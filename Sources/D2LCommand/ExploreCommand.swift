import ArgumentParser
import D2LChapters
import D2LOptimizers
import D2LSupport
import Foundation

/// `d2l explore`: writes the interactive explorer page alone.
struct ExploreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "Write explore.html: sliders and switches over every precomputed run of an optimizer.",
        discussion: """
            One self-contained, offline HTML file. Learning rate × γ for every ε placement, centring and momentum \
            (0, 0.5, 0.9), every preset over learning rate × γ, and Adagrad, SGD and Adam to compare; the path on f, \
            the airfoil training from scratch (seed 0) and the per-coordinate step size. The view is kept in the URL \
            fragment, e.g. explore.html#lr=0.1&gamma=0.99&centered=1.
            Example: d2l explore --out figures --preset pytorch
            """
    )

    @Option(help: "Folder for explore.html (created if missing).")
    var out = "rmsprop-output"

    @Option(help: "Optimizer to explore: \(OptimizerRegistry.names.joined(separator: ", ")).")
    var optimizer = RMSProp.name

    @Option(help: "Framework whose defaults fill in the options the controls do not set: \(Preset.allCases.map(\.rawValue).joined(separator: ", ")).")
    var preset: Preset = .book

    func run() throws {
        try CommandFailure.handling {
            try OutputFolder.check(out)
            let section = try RMSPropSection()
            let page = try Explorer(optimizer: optimizer.lowercased(), preset: preset, settings: section.settings).page(data: section.data)
            let url = try OutputFolder.write(to: out) { try page.write(to: $0) }
            print("explorer: \(url.relativePath) (\(page.settingCount) settings)")
        }
    }
}
