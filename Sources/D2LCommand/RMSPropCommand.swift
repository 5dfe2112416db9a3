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

    @Option(parsing: .unconditional, help: "Seed for initialisation and shuffling.", transform: parseSeed)
    var seed: UInt64 = 0

    @OptionGroup var dataOptions: DataOptions

    func run() throws {
        try CommandFailure.handling {
            if !noPlots { try OutputFolder.check(out) }
            let section = try RMSPropSection(settings: Ch7Settings(seed: seed), source: try dataOptions.source())
            let result = try section.run()
            for line in result.bookLines { print(line) }
            // The book's lines reach a pipe now, not after the figures and the explorer.
            fflush(nil)
            guard !noPlots else { return }
            let report = SectionReport(result: result, exercises: try section.exercises(), settings: section.settings)
            let explorer = try Explorer(settings: section.settings).page(data: section.data)
            let written = try OutputFolder.write(to: out) { try report.write(to: $0) + [try explorer.write(to: $0)] }
            print("figures and report: \(written.map(\.relativePath).joined(separator: ", "))")
        }
    }
}
