import ArgumentParser

/// The learning rate and the decay γ of one run (`train`, `trace`, `bench`, `optimizers`); a
/// sweep takes lists of both instead (``SweepGridOptions``).
struct RateOptions: ParsableArguments {
    /// `--gamma` and the names frameworks give the decay of the running averages.
    static let decayNames: NameSpecification = [
        .customLong("gamma"), .customLong("alpha"), .customLong("rho"), .customLong("gamma1"), .customLong("decay"),
    ]

    @Option(parsing: .unconditional, help: "Learning rate (default: the section's).")
    var lr: Double?

    @Option(name: decayNames, parsing: .unconditional, help: "Decay of the running averages, in [0, 1].")
    var gamma: Double?
}
