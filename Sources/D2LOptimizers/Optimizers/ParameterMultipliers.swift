/// Per-parameter factors on the learning rate and the weight decay (MXNet's `lr_mult` and
/// `wd_mult`).
public struct ParameterMultipliers: Sendable, Codable, Equatable {
    /// Factor on η for this parameter.
    public var learningRate: Double
    /// Factor on λ for this parameter.
    public var weightDecay: Double

    /// Multipliers with the given values; the defaults change nothing.
    public init(learningRate: Double = 1, weightDecay: Double = 1) {
        self.learningRate = learningRate
        self.weightDecay = weightDecay
    }
}
