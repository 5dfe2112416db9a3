/// One run of a sweep: its hyperparameters, its curve and how it ended.
public struct SweepRun: Sendable, Equatable, Codable {
    /// The learning rate the run used.
    public var learningRate: Double
    /// The decay γ given to the run; `nil` when the optimizer's default was used.
    public var decay: Double?
    /// The horizontal position of each curve value: epochs (training) or steps (2D objective).
    public var curvePositions: [Double]
    /// The recorded losses (training), or f(x) at every point of the path (2D objective);
    /// the first value is the one at the start.
    public var curve: [Double]
    /// The final loss (training), or the final point's distance to the optimum (2D objective).
    public var finalValue: Double
    /// The last point of the path (2D objective only).
    public var finalPoint: [Double]?
    /// The minibatch step (1-based) at which training stopped on a non-finite loss, if it did.
    public var stoppedAtStep: Int?
    /// How the run ended.
    public var outcome: SweepOutcome

    /// A run with the given parts; ``outcome`` is judged from `curve`.
    public init(
        learningRate: Double, decay: Double?, curvePositions: [Double], curve: [Double], finalValue: Double,
        finalPoint: [Double]? = nil, stoppedAtStep: Int? = nil
    ) {
        self.learningRate = learningRate
        self.decay = decay
        self.curvePositions = curvePositions
        self.curve = curve
        self.finalValue = finalValue
        self.finalPoint = finalPoint
        self.stoppedAtStep = stoppedAtStep
        self.outcome = SweepOutcome(curve: curve, stoppedOnNonFiniteValue: stoppedAtStep != nil)
    }

    /// `lr 0.01, γ 0.9`, or `lr 0.01` when the decay was the default.
    public var label: String {
        let rate = "lr \(SweepGrid.label(learningRate))"
        guard let decay else { return rate }
        return rate + ", γ \(SweepGrid.label(decay))"
    }
}
