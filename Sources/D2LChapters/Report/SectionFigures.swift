import D2LOptimizers
import D2LPlot
import D2LTraining
import Foundation

/// The section's figures: optimizer paths over the contour plot of the objective (the book's
/// `show_trace_2d`) and the loss against epoch of the trainings (the book's `train_ch7` plot).
public enum SectionFigures {
    /// The book's plotting window for the 2D objective: x1 ∈ [−5.5, 1], x2 ∈ [−3, 1].
    public static let traceWindow = (x1: -5.5...1.0, x2: -3.0...1.0)

    /// Paths over the contour lines of `objective`, one series per named trajectory.
    ///
    /// - Parameters:
    ///   - paths: The trajectories and their legend names; the legend shows when there are two
    ///     or more.
    ///   - objective: The function whose contour lines are drawn (default: the section's).
    ///   - title: The figure's title.
    ///   - window: The region drawn; `nil` (default) for the book's, widened to take in every
    ///     path's start point. Points outside it are clipped.
    public static func trace(
        _ paths: [(name: String, trajectory: Trajectory)], objective: some Objective2D = SectionQuadratic(), title: String,
        window: (x1: ClosedRange<Double>, x2: ClosedRange<Double>)? = nil
    ) -> ContourPlot {
        let window = window ?? Self.window(containing: paths.compactMap { $0.trajectory.points.first })
        let step = max(window.x1.upperBound - window.x1.lowerBound, window.x2.upperBound - window.x2.lowerBound) / 65
        let grid = SampledGrid(x: window.x1, y: window.x2, step: step) { objective.value($0, $1) }
        let series = paths.enumerated().map { index, path in
            var style = SeriesStyle.trajectory
            style.color = Color.pathCycle[index % Color.pathCycle.count]
            return Series(path.name, pairs: path.trajectory.points.map { ($0[0], $0[1]) }, style: style)
        }
        return ContourPlot(
            title: title, xAxis: Axis(label: "x1", range: window.x1), yAxis: Axis(label: "x2", range: window.x2),
            grid: grid, paths: series,
            legend: paths.count > 1 ? .best : .hidden
        )
    }

    /// The book's window widened, with a margin of 0.5, to take in `points`; non-finite
    /// points are left out.
    public static func window(containing points: [[Double]]) -> (x1: ClosedRange<Double>, x2: ClosedRange<Double>) {
        let finite = points.filter { $0.count == 2 && $0.allSatisfy(\.isFinite) }
        func widened(_ range: ClosedRange<Double>, _ values: [Double]) -> ClosedRange<Double> {
            min(range.lowerBound, (values.min() ?? 0) - 0.5)...max(range.upperBound, (values.max() ?? 0) + 0.5)
        }
        return (widened(traceWindow.x1, finite.map { $0[0] }), widened(traceWindow.x2, finite.map { $0[1] }))
    }

    /// A legend label naming an algorithm and its learning rate (and decay, for RMSProp), such
    /// as `rmsprop (lr 0.4, γ 0.9)`.
    public static func label(_ name: String, _ algorithm: any OptimizationAlgorithm) -> String {
        var parts = ["lr \(SweepGrid.label(algorithm.options.learningRate.base))"]
        if let rmsprop = algorithm as? RMSProp { parts.append("γ \(SweepGrid.label(rmsprop.decay))") }
        return "\(name) (\(parts.joined(separator: ", ")))"
    }

    /// The title of a path figure on the section's objective, such as
    /// `f(x) = 0.1·x1² + 2·x2², 20 steps from (−5, −2)`.
    public static func traceTitle(steps: Int, start: [Double]) -> String {
        func number(_ value: Double) -> String { SweepGrid.label(value).replacingOccurrences(of: "-", with: "−") }
        return "f(x) = 0.1·x1² + 2·x2², \(steps) step\(steps == 1 ? "" : "s") from (\(number(start[0])), \(number(start[1])))"
    }

    /// Recorded losses against epoch, each placed at the fraction of the epoch seen when it was
    /// recorded (a run stopped early ends where it stopped); one series per run, x from 0 to
    /// `settings.epochs`.
    public static func losses(
        _ runs: [(name: String, result: TrainingResult)], settings: Ch7Settings, exampleCount: Int = 1500, title: String,
        logarithmic: Bool = false
    ) -> LineChart {
        let positions = settings.recordPositions(exampleCount: exampleCount)
        let series = runs.map { run in
            let count = min(positions.count, run.result.losses.count)
            return Series(run.name, x: Array(positions.prefix(count)), y: Array(run.result.losses.prefix(count)))
        }
        return LineChart(
            title: title, xAxis: Axis(label: "epoch", range: 0...Double(settings.epochs)),
            yAxis: Axis(label: "loss", scale: logarithmic ? .logarithmic : .linear), series: series,
            legend: runs.count > 1 ? .best : .hidden
        )
    }
}
