/// What each run of a sweep does.
public enum SweepTask: String, Sendable, Codable, CaseIterable {
    /// The section's airfoil regression from scratch (``TrainCh7``) with the library's
    /// `Optimizer`; its result is the final recorded loss.
    case train
    /// The section's 2D objective f(x) = 0.1·x1² + 2·x2² from (−5, −2) (``Trace2D``); its
    /// result is the final point's distance to the optimum (0, 0).
    case trace

    /// What a run's final value measures, e.g. `final loss`.
    public var metric: String {
        switch self {
        case .train: "final loss"
        case .trace: "distance to the optimum"
        }
    }

    /// What the runs work on, for titles: `the airfoil regression` or the 2D function.
    public var subject: String {
        switch self {
        case .train: "the airfoil regression"
        case .trace: "f(x) = 0.1·x1² + 2·x2²"
        }
    }

    /// What a run's curve shows, e.g. `loss`.
    public var curveName: String {
        switch self {
        case .train: "loss"
        case .trace: "f(x)"
        }
    }

    /// The learning rate of the section's experiment for this task: 0.01 for the training,
    /// 0.4 for the 2D objective.
    public var sectionLearningRate: Double {
        switch self {
        case .train: 0.01
        case .trace: 0.4
        }
    }
}
