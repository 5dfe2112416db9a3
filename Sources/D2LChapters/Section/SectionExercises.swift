import D2LTraining

/// The exercises' evidence, computed from the section's settings and data: γ = 1 on the 2D
/// objective and on the regression, the learning rate × γ sweep, and the best loss the model
/// can reach.
public struct SectionExercises: Sendable {
    /// RMSProp with γ = 1 on the 2D objective (η = 0.4, ε = 10⁻⁶, 20 steps).
    public var decayOneTrace: Trajectory
    /// The book's rule from scratch with γ = 1 on the airfoil data (η = 0.01).
    public var decayOneTraining: TrainingResult
    /// The from-scratch training over ``RMSPropSection/exerciseGrid``.
    public var sweep: SweepResult
    /// The least-squares optimum of the linear model, when the normal equations are solvable.
    public var optimalLoss: Double?
}
