import ArgumentParser
import D2LTraining

/// The axes of `d2l sweep`: comma-separated learning rates and decays γ, in place of the single
/// values of ``RateOptions``.
struct SweepGridOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Learning rates, comma-separated (default: the section's).")
    var lr: String?

    @Option(name: RateOptions.decayNames, parsing: .unconditional,
            help: "Decays gamma, comma-separated, each in [0, 1] (default: the optimizer's).")
    var gamma: String?

    /// The grid the lists describe; an axis not given is left empty (the section's learning
    /// rate, the optimizer's decay).
    ///
    /// - Throws: `ValidationError` naming the flag for an empty, repeated or non-numeric entry.
    func grid() throws -> SweepGrid {
        do {
            return SweepGrid(
                learningRates: try lr.map { try SweepGrid.parseList($0, flag: "--lr") } ?? [],
                decays: try gamma.map { try SweepGrid.parseList($0, flag: "--gamma") } ?? []
            )
        } catch let error as SweepError {
            throw ValidationError(error.description)
        }
    }
}
