/// How a ``Series`` is drawn. Properties left `nil` are chosen by the chart from its cycles.
///
/// ```swift
/// // The book's trajectory style, plt.plot(*zip(*res), '-o', color='#ff7f0e'):
/// let trace = SeriesStyle(color: Color(hex: "#ff7f0e"), marker: .circle)
/// ```
public struct SeriesStyle: Hashable, Sendable {
    /// The line and marker colour; `nil` takes the chart's next cycle colour.
    public var color: Color?
    /// The dash pattern; `nil` is solid for the first ten series, then dashed, dotted and
    /// dash-dot for each further round of the ten-colour cycle.
    public var dash: LineDash?
    /// The line width in pixels; 0 draws markers only.
    public var lineWidth: Double
    /// The symbol at each point.
    public var marker: Marker
    /// The marker's width in pixels.
    public var markerSize: Double

    /// Creates a style.
    ///
    /// - Parameters:
    ///   - color: `nil` (default) for the chart's colour cycle.
    ///   - dash: `nil` (default) for the chart's dash cycle.
    ///   - lineWidth: Pixels, default 2 (matplotlib's 1.5 pt).
    ///   - marker: Default ``Marker/none``.
    ///   - markerSize: Pixels, default 7 (matplotlib's 6 pt at 96 dpi is 8; 7 keeps dense paths
    ///     readable).
    public init(
        color: Color? = nil,
        dash: LineDash? = nil,
        lineWidth: Double = 2,
        marker: Marker = .none,
        markerSize: Double = 7
    ) {
        self.color = color
        self.dash = dash
        self.lineWidth = max(0, lineWidth.isFinite ? lineWidth : 2)
        self.marker = marker
        self.markerSize = max(0, markerSize.isFinite ? markerSize : 7)
    }
}

extension SeriesStyle {
    /// The book's trajectory style, matplotlib's `'-o'`: a line through disc markers, in the
    /// chart's next cycle colour (orange first over a ``ContourPlot``).
    public static let trajectory = SeriesStyle(lineWidth: 1.5, marker: .circle, markerSize: 6)
}
