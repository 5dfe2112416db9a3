/// A grid of values as coloured cells, such as final losses over a sweep of learning rates
/// (columns) and decay rates γ (rows), with the value written in each cell and a colour bar.
///
/// ```swift
/// let heatmap = Heatmap(
///     title: "RMSProp: final loss",
///     rowAxisLabel: "γ", rowLabels: ["0.9", "0.99"],
///     columnAxisLabel: "learning rate", columnLabels: ["0.001", "0.01", "0.1"],
///     cells: [[.value(0.31), .value(0.243), .diverged],
///             [.value(0.35), .value(0.244), .stalled]]
/// )
/// ```
///
/// Rows are drawn from the top in the order given. Cells marked ``HeatmapCell/diverged`` or
/// ``HeatmapCell/stalled`` are hatched and labelled instead of coloured, and a key beside the
/// colour bar explains them.
public struct Heatmap: SVGRenderable, Hashable {
    /// The title above the cells; empty for none.
    public var title: String
    /// The label of the vertical axis, whose categories are the rows.
    public var rowAxisLabel: String
    /// One label per row, top to bottom.
    public var rowLabels: [String]
    /// The label of the horizontal axis, whose categories are the columns.
    public var columnAxisLabel: String
    /// One label per column, left to right.
    public var columnLabels: [String]
    /// `cells[row][column]`.
    public var cells: [[HeatmapCell]]
    /// The label beside the colour bar (such as "final loss"); empty for none.
    public var colorBarLabel: String
    /// How values map to colours. On a logarithmic scale values that are not positive take
    /// the colour of the lowest end.
    public var colorScale: AxisScale
    /// The colours from the lowest value (0) to the highest (1).
    public var colormap: Colormap
    /// The significant digits written in each cell (1–15).
    public var significantDigits: Int
    /// The figure size.
    public var size: PlotSize

    /// Creates a heatmap.
    ///
    /// - Precondition: `cells` has one row per row label, each with one cell per column label.
    public init(
        title: String = "",
        rowAxisLabel: String = "",
        rowLabels: [String],
        columnAxisLabel: String = "",
        columnLabels: [String],
        cells: [[HeatmapCell]],
        colorBarLabel: String = "",
        colorScale: AxisScale = .linear,
        colormap: Colormap = .viridis,
        significantDigits: Int = 3,
        size: PlotSize = .standard
    ) {
        precondition(
            cells.count == rowLabels.count && cells.allSatisfy { $0.count == columnLabels.count },
            "cells must have \(rowLabels.count) rows of \(columnLabels.count) cells"
        )
        self.title = title
        self.rowAxisLabel = rowAxisLabel
        self.rowLabels = rowLabels
        self.columnAxisLabel = columnAxisLabel
        self.columnLabels = columnLabels
        self.cells = cells
        self.colorBarLabel = colorBarLabel
        self.colorScale = colorScale
        self.colormap = colormap
        self.significantDigits = min(max(1, significantDigits), 15)
        self.size = size
    }
}
