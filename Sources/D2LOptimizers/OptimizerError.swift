/// A hyperparameter, option or parameter list an optimizer cannot work with.
public enum OptimizerError: Error, Equatable, CustomStringConvertible {
    /// A value outside its valid range, e.g. a negative learning rate.
    case outOfRange(name: String, value: Double, valid: String)
    /// An optimizer name the registry does not know.
    case unknownOptimizer(String, known: [String], suggestion: String?)
    /// A hyperparameter key the optimizer does not take.
    case unknownKey(String, optimizer: String, known: [String], suggestion: String?)
    /// An option that exists but does not apply in this combination.
    case inapplicable(name: String, reason: String)
    /// Parameters, gradients and state that do not agree in count or shape.
    case shapeMismatch(String)
    /// A NaN or infinite gradient under ``NonFiniteGradientPolicy/throwError``.
    case nonFiniteGradient(NonFiniteGradient)
    /// The ranks of a sharded step could not combine their numbers; the detail says why.
    case communication(String)

    public var description: String {
        switch self {
        case let .outOfRange(name, value, valid):
            return "\(name) = \(value) is out of range; valid: \(valid)"
        case let .unknownOptimizer(name, known, suggestion):
            return "unknown optimizer '\(name)'\(Self.hint(suggestion)); known: \(known.joined(separator: ", "))"
        case let .unknownKey(key, optimizer, known, suggestion):
            return "\(optimizer) takes no hyperparameter '\(key)'\(Self.hint(suggestion)); valid keys: \(known.joined(separator: ", "))"
        case let .inapplicable(name, reason):
            return "\(name) does not apply: \(reason)"
        case let .shapeMismatch(detail):
            return "shape mismatch: \(detail)"
        case let .nonFiniteGradient(found):
            return "non-finite gradient at \(found); nothing was updated (lower the learning rate, or choose the skip-step policy)"
        case let .communication(detail):
            return detail
        }
    }

    private static func hint(_ suggestion: String?) -> String {
        suggestion.map { " (did you mean '\($0)'?)" } ?? ""
    }
}
