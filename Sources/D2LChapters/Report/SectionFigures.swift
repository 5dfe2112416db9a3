import D2LPlot

/// The section's figures: optimizer paths over the contour plot of the objective (the book's
/// `show_trace_2d`) and the loss against epoch of the trainings (the book's `train_ch7` plot).
public enum SectionFigures {
    /// The book's plotting window for the 2D objective: x1 ∈ [−5.5, 1], x2 ∈ [−3, 1].
    public static let traceWindow = (x1: -5.5...1.0, x2: -3.0...1.0)

    /// Paths over the contour lines of `objective`, one series per named trajectory.
    public static func trace(
        _ paths: [(name: String, trajectory: Trajectory)], objective: some Objective2D = SectionQuadratic(), title: String
    ) -> ContourPlot {
        let grid = SampledGrid(x: traceWindow.x1, y: traceWindow.x2, step: 0.1) { objective.value($0, $1) }
        let series = paths.enumerated().map { index, path in
            var style = SeriesStyle.trajectory
            style.color = Color.pathCycle[index % Color.pathCycle.count]
            return Series(path.name, pairs: path.trajectory.points.map { ($0[0], $0[1]) }, style: style)
        }
        return ContourPlot(
            title: title, xAxis: Axis(label: "x1"), yAxis: Axis(label: "x2"), grid: grid, paths: series,
            legend: paths.count > 1 ? .best : .hidden
        )
    }

    /// Recorded losses against epoch, x from 0 to the number of epochs, one series per run.
    public static func losses(
        _ runs: [(name: String, result: TrainingResult)], epochs: Int, title: String, logarithmic: Bool = false
    ) -> LineChart {
        let series = runs.map { run in
            let count = max(run.result.losses.count - 1, 1)
            let x = run.result.losses.indices.map { Double(epochs) * Double($0) / Double(count) }
            return Series(run.name, x: x, y: run.result.losses)
        }
        return LineChart(
            title: title, xAxis: Axis(label: "epoch", range: 0...Double(epochs)),
            yAxis: Axis(label: "loss", scale: logarithmic ? .logarithmic : .linear), series: series,
            legend: runs.count > 1 ? .best : .hidden
        )
    }
}
