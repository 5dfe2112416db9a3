import D2LSupport
/// A JSON value held as a tree, so that two encodings can be compared and their differences
/// named (``OptimizerSnapshot`` compares hyperparameters this way).
enum JSONValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else if let value = try? container.decode([String: JSONValue].self) {
            self = .object(value)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a JSON value")
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The paths (`options.learningRate.base`, `groups[0]`) at which `self` and `other` differ,
    /// sorted, with the two values at each.
    func differences(from other: JSONValue, path: String = "") -> [(path: String, this: JSONValue?, other: JSONValue?)] {
        switch (self, other) {
        case let (.object(a), .object(b)):
            return Set(a.keys).union(b.keys).sorted().flatMap { key -> [(path: String, this: JSONValue?, other: JSONValue?)] in
                let shown = UntrustedText.printable(key)
                let child = path.isEmpty ? shown : "\(path).\(shown)"
                switch (a[key], b[key]) {
                case let (x?, y?): return x.differences(from: y, path: child)
                case let (x, y): return [(child, x, y)]
                }
            }
        case let (.array(a), .array(b)) where a.count == b.count:
            return zip(a, b).enumerated().flatMap { index, pair in pair.0.differences(from: pair.1, path: "\(path)[\(index)]") }
        default:
            return self == other ? [] : [(path, self, other)]
        }
    }

    /// A short, one-line rendering for messages: control characters escaped, at most 60
    /// characters.
    var summary: String {
        let full: String
        switch self {
        case .null: full = "none"
        case .bool(let value): full = "\(value)"
        case .number(let value): full = "\(value)"
        case .string(let value): full = UntrustedText.printable(value.debugDescription)
        case .array(let values): full = "[" + values.map(\.summary).joined(separator: ", ") + "]"
        case .object(let members):
            full = "{" + members.keys.sorted().map { "\(UntrustedText.printable($0)): \(members[$0]!.summary)" }.joined(separator: ", ") + "}"
        }
        return full.count > 60 ? String(full.prefix(59)) + "…" : full
    }
}
