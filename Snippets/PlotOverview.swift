import D2LPlot
import Foundation

// snippet.hide
let trajectory: [(Double, Double)] = [(-5, -2), (-4.2, -1.1), (-3.5, -0.4), (-2.9, -0.1)]
let epochs = [0.0, 1, 2]
let scratch = [1.2, 0.26, 0.244]
let concise = [1.2, 0.25, 0.243]
// snippet.show
// The book's show_trace_2d: contours of f(x1, x2) = 0.1 x1² + 2 x2² and the RMSProp path.
let grid = SampledGrid(x: -5.5...1, y: -3...1, step: 0.1) { x1, x2 in 0.1 * x1 * x1 + 2 * x2 * x2 }
let trace = ContourPlot(grid: grid, paths: [Series(pairs: trajectory, style: .trajectory)])
try trace.write(to: URL(filePath: "rmsprop-trace.svg"))

// Loss against epoch, several runs overlaid, optionally on a logarithmic axis.
let losses = LineChart(
    xAxis: Axis(label: "epoch", range: 0...2),
    yAxis: Axis(label: "loss", scale: .logarithmic),
    series: [Series("from scratch", x: epochs, y: scratch), Series("concise", x: epochs, y: concise)]
)

// A learning rate × γ sweep, with diverged and stalled runs marked.
let sweep = Heatmap(
    rowAxisLabel: "γ", rowLabels: ["0.9", "1"],
    columnAxisLabel: "learning rate", columnLabels: ["0.01", "0.1"],
    cells: [[.value(0.243), .diverged], [.stalled, .stalled]]
)
