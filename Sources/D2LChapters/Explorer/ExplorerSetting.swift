import D2LOptimizers

/// One position of the explorer's controls: the preset, the learning rate, and the options the
/// optimizer takes; `nil` leaves an option to the preset, as a flag left off the command line.
public struct ExplorerSetting: Sendable, Hashable {
    /// The framework whose defaults fill in the rest.
    public var preset: Preset
    /// The learning rate η.
    public var learningRate: Double
    /// The decay γ (`--gamma`).
    public var decay: Double?
    /// Where ε goes (`--eps-placement`).
    public var placement: EpsilonPlacement?
    /// Centred (`--centered` when true).
    public var centered: Bool?
    /// Momentum μ (`--momentum` when above 0).
    public var momentum: Double?

    /// A setting with the given choices.
    public init(
        preset: Preset, learningRate: Double, decay: Double? = nil, placement: EpsilonPlacement? = nil,
        centered: Bool? = nil, momentum: Double? = nil
    ) {
        self.preset = preset
        self.learningRate = learningRate
        self.decay = decay
        self.placement = placement
        self.centered = centered
        self.momentum = momentum
    }

    /// The typed settings the command line passes to the registry for the same flags
    /// (`--lr`, `--gamma`, `--eps-placement`, `--centered`, `--momentum`).
    public var optimizerSettings: OptimizerSettings {
        var settings = OptimizerSettings()
        settings.learningRate = learningRate
        settings.decay = decay
        settings.epsilonPlacement = placement
        settings.centered = centered == true ? true : nil
        settings.momentum = momentum.flatMap { $0 > 0 ? $0 : nil }
        return settings
    }
}
