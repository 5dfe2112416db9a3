/// One item that every rank must hold alike, such as an option and its value as text.
///
/// ``Communicator/requireAgreement(on:)`` compares lists of them across ranks and names the
/// first that differs:
///
/// ```swift
/// try communicator.requireAgreement(on: [
///     NamedValue("seed", "\(seed)"),
///     NamedValue("lr", "\(learningRate)"),
///     NamedValue("data", dataDigest.description),
/// ])
/// ```
public struct NamedValue: Hashable, Sendable {
    /// What the value is, as the user would name it (such as `seed` or `--lr`).
    public var name: String

    /// The value as text; two ranks agree when their texts are equal.
    public var value: String

    /// An item `name` holding `value`.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
