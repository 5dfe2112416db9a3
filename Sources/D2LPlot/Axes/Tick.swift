/// A tick mark on an axis: a round value and its label.
public struct Tick: Hashable, Sendable {
    /// The value, the double nearest to a short decimal (0.3, not 0.30000000000000004).
    public let value: Double
    /// The text written at the tick, such as `0.25`, `−2`, `10⁻³` or `2×10⁶`. Negative numbers
    /// use the minus sign U+2212, as matplotlib does.
    public let label: String

    /// Creates a tick.
    public init(value: Double, label: String) {
        self.value = value
        self.label = label
    }
}
