/// A hyperparameter given by name, as in a Gluon or PyTorch keyword argument: a number, a flag
/// or a word.
public enum HyperparameterValue: Sendable, Equatable, Codable, CustomStringConvertible,
    ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral, ExpressibleByStringLiteral
{
    /// A number, such as a learning rate.
    case number(Double)
    /// A switch, such as `centered`.
    case flag(Bool)
    /// A word or expression, such as `"outside"` or `"step:10:0.5"`.
    case text(String)

    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(booleanLiteral value: Bool) { self = .flag(value) }
    public init(stringLiteral value: String) { self = .text(value) }

    public var description: String {
        switch self {
        case let .number(value): "\(value)"
        case let .flag(value): "\(value)"
        case let .text(value): value
        }
    }

    /// Decodes a JSON number, boolean or string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = .flag(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    /// Encodes as a JSON number, boolean or string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .number(value): try container.encode(value)
        case let .flag(value): try container.encode(value)
        case let .text(value): try container.encode(value)
        }
    }

    /// The value as a number, or an error naming `key`.
    func number(_ key: String) throws(OptimizerError) -> Double {
        switch self {
        case let .number(value): return value
        case let .flag(value): return value ? 1 : 0
        case let .text(text):
            guard let value = Double(text) else {
                throw .inapplicable(name: key, reason: "expected a number, got '\(text)'")
            }
            return value
        }
    }

    /// The value as a flag, or an error naming `key`.
    func flag(_ key: String) throws(OptimizerError) -> Bool {
        switch self {
        case let .flag(value): return value
        case let .number(value) where value == 0 || value == 1: return value == 1
        case let .text(text) where ["true", "false"].contains(text.lowercased()): return text.lowercased() == "true"
        default: throw .inapplicable(name: key, reason: "expected true or false, got '\(self)'")
        }
    }

    /// The value as text.
    var text: String { description }
}
