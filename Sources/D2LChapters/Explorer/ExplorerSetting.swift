import D2LOptimizers
import D2LTraining

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

    /// The typed settings the command line would pass to the registry for
    /// ``commandLineArguments``.
    public var optimizerSettings: OptimizerSettings {
        var settings = OptimizerSettings()
        settings.learningRate = learningRate
        settings.decay = decay
        settings.epsilonPlacement = placement
        settings.centered = centered == true ? true : nil
        settings.momentum = momentum.flatMap { $0 > 0 ? $0 : nil }
        return settings
    }

    /// The flags that give `d2l trace` and `d2l train` this setting, such as
    /// `--lr 0.1 --gamma 0.99 --eps-placement inside --centered`.
    public var commandLineArguments: [String] {
        let settings = optimizerSettings
        var arguments = ["--lr", SweepGrid.label(learningRate)]
        if let decay = settings.decay { arguments += ["--gamma", SweepGrid.label(decay)] }
        if let placement = settings.epsilonPlacement { arguments += ["--eps-placement", placement.rawValue] }
        if settings.centered == true { arguments.append("--centered") }
        if let momentum = settings.momentum { arguments += ["--momentum", SweepGrid.label(momentum)] }
        if preset != .book { arguments += ["--preset", preset.rawValue] }
        return arguments
    }
}
