/// An update written out: one formula per operation, in the order it is computed, and the
/// values of the symbols the formulas use.
///
/// ```
/// s ← γ·s + (1 − γ)·g²
/// u ← g / √(s + ε)
/// p ← p − η·u
/// where η = 0.01, γ = 0.9, 1 − γ = 0.1, ε = 1e-06
/// ```
public struct UpdateDescription: Sendable, Equatable {
    /// The operations, in order.
    public var operations: [String]
    /// `symbol = value` for every symbol the operations use, values as the kernel holds them.
    public var values: [String]

    /// A description with the given operations and values.
    public init(operations: [String], values: [String] = []) {
        self.operations = operations
        self.values = values
    }

    /// `self`'s operations and values followed by `other`'s.
    func followed(by other: UpdateDescription) -> UpdateDescription {
        UpdateDescription(operations: operations + other.operations, values: values + other.values)
    }
}
