/// A named sequence of points drawn as a line, markers, or both.
///
/// Points that cannot be drawn — a non-finite coordinate, or a value that is not positive on a
/// logarithmic axis — are skipped, and the line breaks there instead of joining across them.
///
/// ```swift
/// let scratch = Series("from scratch", x: epochs, y: losses)
/// let trace = Series("rmsprop", points: path, style: SeriesStyle(marker: .circle))
/// ```
public struct Series: Hashable, Sendable {
    /// The name shown in the legend; an empty name leaves the series out of it.
    public var name: String
    /// The points, joined in order.
    public var points: [PlotPoint]
    /// How the series is drawn.
    public var style: SeriesStyle

    /// Creates a series from points.
    public init(_ name: String = "", points: [PlotPoint], style: SeriesStyle = SeriesStyle()) {
        self.name = name
        self.points = points
        self.style = style
    }

    /// Creates a series from `(x, y)` pairs, such as a trajectory of `(x1, x2)`.
    public init(_ name: String = "", pairs: [(Double, Double)], style: SeriesStyle = SeriesStyle()) {
        self.init(name, points: pairs.map { PlotPoint(x: $0.0, y: $0.1) }, style: style)
    }

    /// Creates a series from matching arrays of coordinates.
    ///
    /// - Precondition: `x` and `y` have the same count.
    public init(_ name: String = "", x: [Double], y: [Double], style: SeriesStyle = SeriesStyle()) {
        precondition(x.count == y.count, "x has \(x.count) values but y has \(y.count)")
        self.init(name, points: zip(x, y).map { PlotPoint(x: $0, y: $1) }, style: style)
    }
}
