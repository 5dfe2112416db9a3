/// A chart of one or more series against two numeric axes, such as loss against epoch.
///
/// ```swift
/// let chart = LineChart(
///     title: "RMSProp from scratch",
///     xAxis: Axis(label: "epoch", range: 0...2),
///     yAxis: Axis(label: "loss"),
///     series: [Series("lr 0.01", x: epochs, y: losses)]
/// )
/// let svg = chart.svg()
/// ```
///
/// Series without a colour take matplotlib's `tab10` cycle in order; after ten, the cycle
/// repeats with dashed, then dotted, then dash-dot lines, so many series stay distinguishable.
/// Points that cannot be drawn are skipped and break the line (see ``Series``).
public struct LineChart: SVGRenderable, Hashable {
    /// The title above the plot; empty for none.
    public var title: String
    /// The horizontal axis.
    public var xAxis: Axis
    /// The vertical axis.
    public var yAxis: Axis
    /// The series, drawn in order (later ones on top).
    public var series: [Series]
    /// Where the legend goes; it lists the series with a name.
    public var legend: LegendPlacement
    /// The figure size.
    public var size: PlotSize

    /// Creates a line chart.
    public init(
        title: String = "",
        xAxis: Axis = Axis(),
        yAxis: Axis = Axis(),
        series: [Series],
        legend: LegendPlacement = .best,
        size: PlotSize = .standard
    ) {
        self.title = title
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.series = series
        self.legend = legend
        self.size = size
    }
}
