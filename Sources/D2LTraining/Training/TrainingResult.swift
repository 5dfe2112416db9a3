import Foundation

/// What a `train_ch7`-style run produced.
public struct TrainingResult: Sendable, Equatable, Codable {
    /// The mean loss over all examples: before training, then after every 100 examples.
    public var losses: [Double]
    /// Wall-clock seconds of the last epoch.
    public var secondsPerEpoch: Double
    /// The trained parameters, flattened: the weight, then the bias.
    public var parameters: [Double]
    /// The minibatch step (1-based) at which training stopped on a non-finite loss, if it did.
    public var stoppedAtStep: Int?
    /// The non-finite value that stopped training, if any.
    public var stoppingValue: Double?

    /// A result with the given parts.
    public init(losses: [Double], secondsPerEpoch: Double, parameters: [Double], stoppedAtStep: Int? = nil, stoppingValue: Double? = nil) {
        self.losses = losses
        self.secondsPerEpoch = secondsPerEpoch
        self.parameters = parameters
        self.stoppedAtStep = stoppedAtStep
        self.stoppingValue = stoppingValue
    }

    /// The last recorded loss.
    public var finalLoss: Double { losses[losses.count - 1] }

    /// The book's summary line, `loss: 0.245068, 0.381984 sec per epoch`.
    public var summary: String {
        String(format: "loss: %f, %f sec per epoch", finalLoss, secondsPerEpoch)
    }
}
