import ArgumentParser
import D2LChapters
import D2LTraining
import Foundation

/// `d2l rmsprop`: the whole section in the book's order.
struct RMSPropCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rmsprop",
        abstract: "Run the RMSProp section: the 2D trace, from scratch, and the concise trainer.",
        discussion: "Example: d2l rmsprop --seed 1 --out figures"
    )

    @Option(help: "Folder for the figures and index.html.")
    var out = "rmsprop-output"

    @Flag(name: .customLong("no-plots"), help: "Compute and print only; write no files.")
    var noPlots = false

    @Option(help: "Seed for initialisation and shuffling.")
    var seed: UInt64 = 0

    @OptionGroup var dataOptions: DataOptions

    func run() throws {
        try CommandFailure.handling {
            let section = try RMSPropSection(settings: Ch7Settings(seed: seed), source: try dataOptions.source())
            let result = try section.run()
            for line in result.bookLines { print(line) }
            guard !noPlots else { return }
            let report = SectionReport(result: result, exercises: try section.exercises(), settings: section.settings)
            let folder = URL(fileURLWithPath: out)
            let written = try report.write(to: folder)
                + [ExploreCommand.write(try Explorer(settings: section.settings).page(data: section.data), to: folder)]
            print("figures and report: \(written.map(\.relativePath).joined(separator: ", "))")
        }
    }
}
