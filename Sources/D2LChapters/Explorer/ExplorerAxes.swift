import D2LOptimizers

/// The explorer's grid cut to the options one optimizer takes: an axis it does not take holds
/// the single value `nil` (the control is left out and the option left to the preset).
public struct ExplorerAxes: Sendable, Equatable {
    /// Learning rates η.
    public var learningRates: [Double]
    /// Decays γ, or `[nil]`.
    public var decays: [Double?]
    /// ε placements, or `[nil]`.
    public var placements: [EpsilonPlacement?]
    /// Centring, or `[nil]`.
    public var centering: [Bool?]
    /// Momentum values, or `[nil]`.
    public var momenta: [Double?]
    /// The presets to choose from.
    public var presets: [Preset]
    /// The compared optimizers.
    public var compared: [String]
    /// The most steps the path can show.
    public var maximumSteps: Int

    /// `grid`'s axes for an optimizer taking the hyperparameter `keys`.
    init(grid: ExplorerGrid, keys: Set<String>) {
        func axis<Value>(_ key: HyperparameterKey, _ values: [Value]) -> [Value?] {
            keys.contains(key.rawValue) ? values.map(Optional.some) : [nil]
        }
        learningRates = grid.learningRates
        decays = axis(.gamma, grid.decays)
        placements = axis(.epsPlacement, grid.placements)
        centering = axis(.centered, grid.centering)
        momenta = axis(.momentum, grid.momenta)
        presets = grid.presets
        compared = grid.compared
        maximumSteps = grid.maximumSteps
    }

    /// Every combination under `preset`, the learning rate varying fastest, then γ, momentum,
    /// centring and placement.
    public func settings(preset: Preset) -> [ExplorerSetting] {
        placements.flatMap { placement in
            centering.flatMap { centered in
                momenta.flatMap { momentum in
                    decays.flatMap { decay in
                        learningRates.map { learningRate in
                            ExplorerSetting(
                                preset: preset, learningRate: learningRate, decay: decay, placement: placement,
                                centered: centered, momentum: momentum
                            )
                        }
                    }
                }
            }
        }
    }

    /// Learning rate × γ under `preset`, the other options left to the preset; the learning
    /// rate varies fastest.
    public func presetSettings(preset: Preset) -> [ExplorerSetting] {
        decays.flatMap { decay in
            learningRates.map { ExplorerSetting(preset: preset, learningRate: $0, decay: decay) }
        }
    }
}
