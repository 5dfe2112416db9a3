import D2LOptimizers

/// The values the explorer's controls step through. The page holds a run for every
/// combination of learning rate, γ, ε placement, centring and momentum under the page's
/// preset; every other preset over learning rate × γ with its own defaults for the rest; and
/// each compared optimizer at every learning rate.
///
/// ```swift
/// let grid = ExplorerGrid.standard
/// print(grid.learningRates.count * grid.decays.count * 2 * 2 * 3)   // 1440 settings
/// ```
public struct ExplorerGrid: Sendable, Equatable {
    /// Learning rates η, increasing (the slider's stops).
    public var learningRates: [Double]
    /// Decays γ, increasing (the slider's stops).
    public var decays: [Double]
    /// Where ε goes.
    public var placements: [EpsilonPlacement]
    /// Plain and centred mean square.
    public var centering: [Bool]
    /// Momentum values μ; 0 is no momentum.
    public var momenta: [Double]
    /// The framework presets to choose from.
    public var presets: [Preset]
    /// The optimizers to compare against, by registry name, each with its section defaults.
    public var compared: [String]
    /// The most steps the path can show.
    public var maximumSteps: Int

    /// A grid with the given axes.
    public init(
        learningRates: [Double], decays: [Double], placements: [EpsilonPlacement], centering: [Bool], momenta: [Double],
        presets: [Preset], compared: [String], maximumSteps: Int
    ) {
        self.learningRates = learningRates
        self.decays = decays
        self.placements = placements
        self.centering = centering
        self.momenta = momenta
        self.presets = presets
        self.compared = compared
        self.maximumSteps = maximumSteps
    }

    /// Twelve learning rates from 0.001 to 1 (roughly even on a log scale, 1–2–5 and the
    /// section's 0.03 and 0.4), ten decays from 0 to 1, both placements, both centrings,
    /// momentum 0, 0.5 and 0.9, every preset, and Adagrad, SGD and Adam; paths up to 100 steps.
    public static let standard = ExplorerGrid(
        learningRates: [0.001, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.2, 0.4, 0.7, 1],
        decays: [0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 0.995, 0.999, 1],
        placements: [.insideSquareRoot, .outsideSquareRoot], centering: [false, true], momenta: [0, 0.5, 0.9],
        presets: Preset.allCases, compared: ["adagrad", "sgd", "adam"], maximumSteps: 100
    )
}
