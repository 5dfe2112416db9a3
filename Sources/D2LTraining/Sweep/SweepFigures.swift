import D2LPlot
import Foundation

/// The figures of a sweep: a heatmap of the final values (rows γ, columns learning rate) and
/// every run's curve overlaid on a logarithmic axis.
///
/// ```swift
/// let figures = SweepFigures(result: try Sweep().run())
/// let written = try figures.write(to: URL(filePath: "sweep-output"))   // heatmap.svg, curves.svg
/// ```
public struct SweepFigures: Sendable {
    /// The sweep to draw.
    public var result: SweepResult

    /// Figures of `result`.
    public init(result: SweepResult) {
        self.result = result
    }

    /// File names inside the output folder.
    public enum FileName {
        /// The heatmap of final values.
        public static let heatmap = "heatmap.svg"
        /// The overlaid curves.
        public static let curves = "curves.svg"
    }

    /// The final value of every run, a row per decay and a column per learning rate; diverged
    /// and stalled runs are marked with their word instead of a colour.
    ///
    /// Values spanning more than a factor of 10 are coloured on a logarithmic scale.
    ///
    /// - Parameter title: The title; `nil` (default) names the optimizer, the task and the metric.
    public func heatmap(title: String? = nil) -> Heatmap {
        let cells = result.runs.map { row in
            row.map { run -> HeatmapCell in
                switch run.outcome {
                case .finished: run.finalValue.isFinite ? .value(run.finalValue) : .diverged
                case .diverged: .diverged
                case .stalled: .stalled
                }
            }
        }
        let values = result.allRuns.filter { $0.outcome == .finished }.map(\.finalValue).filter { $0 > 0 }
        let spansDecades = (values.max() ?? 1) > 10 * (values.min() ?? 1)
        return Heatmap(
            title: title ?? "\(result.optimizer) on \(result.task.subject): \(result.task.metric)",
            rowAxisLabel: "γ (decay)", rowLabels: result.grid.rows.map { $0.map(SweepGrid.label) ?? "default" },
            columnAxisLabel: "learning rate", columnLabels: result.grid.columns.map { $0.map(SweepGrid.label) ?? "section's" },
            cells: cells, colorBarLabel: result.task.metric, colorScale: spansDecades ? .logarithmic : .linear,
            significantDigits: 4
        )
    }

    /// Every run's curve against epoch (training) or step (2D objective) on a logarithmic
    /// axis. A colour stands for a learning rate and a dash pattern for a decay; the legend
    /// names each run and marks the ones that diverged or stalled.
    ///
    /// The vertical axis stops at 10 times the largest starting value, so a diverging run
    /// leaves through the top instead of flattening the others.
    ///
    /// - Parameter title: The title; `nil` (default) names the optimizer and the task.
    public func curves(title: String? = nil) -> LineChart {
        let dashes = LineDash.allCases
        var series: [Series] = []
        for (rowIndex, row) in result.runs.enumerated() {
            for (columnIndex, run) in row.enumerated() {
                let style = SeriesStyle(
                    color: Color.tab10[columnIndex % Color.tab10.count],
                    dash: dashes[rowIndex % dashes.count], lineWidth: 1.6
                )
                let name = run.outcome == .finished ? run.label : "\(run.label) (\(run.outcome.rawValue))"
                series.append(Series(name, x: run.curvePositions, y: run.curve, style: style))
            }
        }
        let starts = result.allRuns.compactMap(\.curve.first).filter { $0.isFinite && $0 > 0 }
        let drawable = result.allRuns.flatMap(\.curve).filter { $0.isFinite && $0 > 0 }
        var range: ClosedRange<Double>?
        if let top = starts.max().map({ Self.roundedUp($0 * 10) }), let bottom = drawable.min(), bottom < top {
            range = (bottom * 0.8)...top
        }
        let xMax = result.allRuns.compactMap(\.curvePositions.last).max() ?? 1
        let xLabel = result.task == .train ? "epoch" : "step"
        let xRange = result.task == .train ? 0...max(1, xMax.rounded(.up)) : 0...max(1, xMax)
        return LineChart(
            title: title ?? "\(result.optimizer) on \(result.task.subject): \(result.task.curveName) of every run",
            xAxis: Axis(label: xLabel, range: xRange),
            yAxis: Axis(label: result.task.curveName, scale: .logarithmic, range: range),
            series: series, legend: .outsideRight, size: PlotSize(width: 820, height: 500)
        )
    }

    /// Writes ``FileName/heatmap`` and ``FileName/curves`` into `folder` (created if needed),
    /// each atomically, and returns their URLs.
    ///
    /// - Throws: `PlotError` or a file-system error when the folder is not writable.
    public func write(to folder: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let heatmapURL = folder.appendingPathComponent(FileName.heatmap)
        let curvesURL = folder.appendingPathComponent(FileName.curves)
        try heatmap().write(to: heatmapURL)
        try curves().write(to: curvesURL)
        return [heatmapURL, curvesURL]
    }

    /// The smallest of 1, 2 or 5 × 10ᵏ at or above a positive `value`, so the axis ends on a tick.
    static func roundedUp(_ value: Double) -> Double {
        let decade = Foundation.pow(10, Foundation.log10(value).rounded(.down))
        return [1.0, 2, 5, 10].map { $0 * decade }.first { $0 >= value * (1 - 1e-12) } ?? 10 * decade
    }
}
