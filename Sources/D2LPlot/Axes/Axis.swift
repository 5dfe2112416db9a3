/// One axis of a chart: its label, its scale and, optionally, the range it shows.
///
/// ```swift
/// let epochs = Axis(label: "epoch", range: 0...2)          // the book's loss plots
/// let loss = Axis(label: "loss", scale: .logarithmic)       // range from the data
/// ```
public struct Axis: Hashable, Sendable {
    /// The label written beside the axis; empty for none.
    public var label: String
    /// Linear or logarithmic.
    public var scale: AxisScale
    /// The range shown, exactly; `nil` extends the data range to the nearest round ticks.
    ///
    /// With an explicit range the ticks are the round numbers inside it. A logarithmic axis
    /// ignores a range whose lower bound is not positive, any axis one with non-finite
    /// bounds or width, and a range of zero width is widened around its value, as
    /// for data with a single value. Without a range, data beyond ±10³⁰⁷ is clipped.
    public var range: ClosedRange<Double>?

    /// Creates an axis.
    public init(label: String = "", scale: AxisScale = .linear, range: ClosedRange<Double>? = nil) {
        self.label = label
        self.scale = scale
        self.range = range
    }
}
