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
    /// The book's rule from scratch with `Float` state and with 8-bit state.
    public var statePrecisions: StatePrecisionComparison
}

/// The from-scratch training with the library's RMSProp (η = 0.01, γ = 0.9), once with `Float`
/// state and once with 8-bit blockwise state for every tensor (`minimumSize` 1: the model's
/// tensors, 5 and 1 elements, are far below bitsandbytes' 4,096), from the same seed.
public struct StatePrecisionComparison: Sendable {
    /// The run with `Float` state.
    public var float: TrainingResult
    /// The run with 8-bit state.
    public var eightBit: TrainingResult
    /// The bytes the `Float` state holds.
    public var floatStateBytes: Int
    /// The bytes the 8-bit state holds (codes and one `Float` absmax per block of 256).
    public var eightBitStateBytes: Int
}
