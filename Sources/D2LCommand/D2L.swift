import ArgumentParser
import D2LTraining

/// The `d2l` command: the RMSProp section of *Dive into Deep Learning*, and its optimizers.
@main
struct D2L: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "d2l",
        abstract: "The RMSProp section of Dive into Deep Learning, in Swift.",
        discussion: "Example: d2l rmsprop",
        version: "0.1.0",
        subcommands: [RMSPropCommand.self, TraceCommand.self, TrainCommand.self, SweepCommand.self, ExploreCommand.self, OptimizersCommand.self, DataCommand.self, BenchCommand.self]
    )
}
