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

    /// The exit status for an output that cannot be created.
    static let cannotCreateOutput: Int32 = 73

    @Option(help: "Folder for explore.html (created if missing).")
    var out = "rmsprop-output"

    @Option(help: "Optimizer to explore: \(OptimizerRegistry.names.joined(separator: ", ")).")
    var optimizer = RMSProp.name

    @Option(help: "Framework whose defaults fill in the options the controls do not set: \(Preset.allCases.map(\.rawValue).joined(separator: ", ")).")
    var preset: Preset = .book

    func validate() throws {
        do {
            _ = try Explorer(optimizer: optimizer.lowercased(), preset: preset).axes()
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        try Self.checkWritable(folder)
        try CommandFailure.handling {
            let section = try RMSPropSection()
            let page: ExplorerPage
            do {
                page = try Explorer(optimizer: optimizer.lowercased(), preset: preset, settings: section.settings).page(data: section.data)
            } catch let error as ExplorerError {
                if case .optimizer = error { try CommandFailure.fail(error.description, status: CommandFailure.usage) }
                try CommandFailure.fail(error.description, status: CommandFailure.other)
            }
            let url = try Self.write(page, to: folder)
            print("explorer: \(url.relativePath) (\(page.settingCount) settings)")
        }
    }

    /// Writes `page` into `folder`; a failure is one line and status 73.
    static func write(_ page: ExplorerPage, to folder: URL) throws -> URL {
        do {
            return try page.write(to: folder)
        } catch {
            try CommandFailure.fail("\(error)", status: cannotCreateOutput)
        }
    }

    /// Fails with status 73 unless `folder` exists as a writable folder or can be created.
    static func checkWritable(_ folder: URL) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            try CommandFailure.fail("\(folder.relativePath): cannot create the folder (\(error.localizedDescription)); expected a writable location", status: cannotCreateOutput)
        }
        guard FileManager.default.isWritableFile(atPath: folder.path) else {
            try CommandFailure.fail("\(folder.relativePath): the folder is not writable; expected a writable location", status: cannotCreateOutput)
        }
    }
}
