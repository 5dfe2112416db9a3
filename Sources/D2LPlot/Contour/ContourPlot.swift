/// Contour lines of a function of two variables, with paths (such as optimizer trajectories)
/// drawn over them: the book's `show_trace_2d`.
///
/// ```swift
/// let grid = SampledGrid(x: -5.5...1, y: -3...1, step: 0.1) { x1, x2 in 0.1 * x1 * x1 + 2 * x2 * x2 }
/// let plot = ContourPlot(
///     xAxis: Axis(label: "x1"), yAxis: Axis(label: "x2"), grid: grid,
///     paths: [Series("rmsprop", pairs: trajectory, style: .trajectory)]
/// )
/// try plot.write(to: URL(filePath: "rmsprop-trace.svg"))
/// ```
///
/// Each level is drawn in the colour of its value in ``colormap``. Paths without a colour take
/// ``Color/pathCycle`` (orange first). An axis without a range shows the grid's extent; points
/// outside the axes are clipped, and points that cannot be drawn break the path.
public struct ContourPlot: SVGRenderable, Hashable {
    /// The title above the plot; empty for none.
    public var title: String
    /// The horizontal axis; its range defaults to the grid's x extent.
    public var xAxis: Axis
    /// The vertical axis; its range defaults to the grid's y extent.
    public var yAxis: Axis
    /// The sampled function.
    public var grid: SampledGrid
    /// The values at which contour lines are drawn, increasing.
    public var levels: [Double]
    /// Paths drawn over the contours, in order.
    public var paths: [Series]
    /// The colours of the levels, from the lowest level (0) to the highest (1).
    public var colormap: Colormap
    /// Whether each level's value is written on its longest visible line.
    public var labelsLevels: Bool
    /// Where the legend of named paths goes.
    public var legend: LegendPlacement
    /// The figure size.
    public var size: PlotSize

    /// Creates a contour plot.
    ///
    /// - Parameters:
    ///   - levels: The contour values; `nil` (default) for ``automaticLevels(for:maximumCount:)``.
    ///   - colormap: Default viridis without its palest tenth, so every line shows on white.
    public init(
        title: String = "",
        xAxis: Axis = Axis(label: "x1"),
        yAxis: Axis = Axis(label: "x2"),
        grid: SampledGrid,
        levels: [Double]? = nil,
        paths: [Series] = [],
        colormap: Colormap = Colormap.viridis.truncated(0, 0.9),
        labelsLevels: Bool = false,
        legend: LegendPlacement = .best,
        size: PlotSize = .standard
    ) {
        self.title = title
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.grid = grid
        self.levels = (levels ?? Self.automaticLevels(for: grid)).sorted()
        self.paths = paths
        self.colormap = colormap
        self.labelsLevels = labelsLevels
        self.legend = legend
        self.size = size
    }

    /// Round levels strictly between the grid's smallest and largest finite values, as
    /// matplotlib chooses them: the step is 1, 2, 2.5 or 5 × 10ᵏ, the smallest giving at most
    /// `maximumCount` round values over the range (its ends included), so typically 6–9 levels.
    ///
    /// - Returns: The levels, increasing; empty for a constant or non-finite grid.
    public static func automaticLevels(for grid: SampledGrid, maximumCount: Int = 9) -> [Double] {
        guard let extent = ResolvedAxis.extent(of: grid.values.joined().filter(\.isFinite)).map(ResolvedAxis.limited),
              extent.lowerBound < extent.upperBound
        else { return [] }
        return NiceTicks(within: extent, maximumCount: maximumCount).ticks.map(\.value).filter {
            $0 > extent.lowerBound && $0 < extent.upperBound
        }
    }
}
