import ArgumentParser
import D2LChapters

/// `d2l rmsprop`: the whole section in the book's order.
struct RMSPropCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rmsprop",
        abstract: "Run the RMSProp section: the 2D trace, from scratch, and the concise trainer.",
        discussion: "Example: d2l rmsprop --seed 1 --out figures"
    )

    @Option(help: "Seed for initialisation and shuffling.")
    var seed: UInt64 = 0

    func run() throws {
        let result = try RMSPropSection(settings: Ch7Settings(seed: seed)).run()
        for line in result.bookLines { print(line) }
    }
}
