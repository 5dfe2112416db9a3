import D2LOptimizers

/// Why the explorer could not compute its page.
public enum ExplorerError: Error, CustomStringConvertible {
    /// An unknown optimizer name, or a compared optimizer the registry refuses.
    case optimizer(OptimizerError)
    /// A training failed other than by diverging.
    case training(String)

    public var description: String {
        switch self {
        case let .optimizer(error): error.description
        case let .training(reason): "a training of the explorer failed: \(reason)"
        }
    }
}
