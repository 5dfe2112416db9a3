import D2LTraining
/// Everything the section computes, in the book's order.
public struct SectionResult: Sendable {
    /// RMSProp on the 2D objective (η = 0.4, γ = 0.9, ε = 10⁻⁶, 20 steps).
    public var trace: Trajectory
    /// Adagrad on the same objective at the same learning rate, for the text's comparison.
    public var adagradTrace: Trajectory
    /// RMSProp from scratch on the airfoil data (η = 0.01, γ = 0.9).
    public var scratch: TrainingResult
    /// The same with the Gluon-like trainer created by name.
    public var concise: TrainingResult

    /// The three lines the book prints.
    public var bookLines: [String] { [trace.summary, scratch.summary, concise.summary] }
}
