import D2LPlot
import Foundation
import Testing

/// One figure of every kind the project draws, for tests that must hold for all of them.
enum SampleFigure: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case lossCurve, logLossCurves, manySeries, emptyChart, bookContour, labelledContour, sweepHeatmap, logHeatmap

    var testDescription: String { rawValue }

    /// The book's f(x1, x2) = 0.1 x1² + 2 x2² on the show_trace_2d grid.
    static let bookGrid = SampledGrid(x: -5.5...1, y: -3...1, step: 0.1) { x1, x2 in
        0.1 * x1 * x1 + 2 * x2 * x2
    }

    /// Twenty RMSProp steps on the book's function from (−5, −2): the section's trajectory.
    static func rmspropTrace(learningRate: Double = 0.4, gamma: Double = 0.9) -> [(Double, Double)] {
        var (x1, x2, s1, s2) = (-5.0, -2.0, 0.0, 0.0)
        var points = [(x1, x2)]
        for _ in 0..<20 {
            let (g1, g2) = (0.2 * x1, 4 * x2)
            s1 = gamma * s1 + (1 - gamma) * g1 * g1
            s2 = gamma * s2 + (1 - gamma) * g2 * g2
            x1 -= learningRate / (s1 + 1e-6).squareRoot() * g1
            x2 -= learningRate / (s2 + 1e-6).squareRoot() * g2
            points.append((x1, x2))
        }
        return points
    }

    static let epochs = (0...30).map { Double($0) / 15 }
    static let losses = epochs.map { 0.245 + 0.25 * exp(-7.5 * $0) }

    var figure: any SVGRenderable {
        switch self {
        case .lossCurve:
            LineChart(
                xAxis: Axis(label: "epoch", range: 0...2), yAxis: Axis(label: "loss"),
                series: [Series(x: Self.epochs, y: Self.losses)]
            )
        case .logLossCurves:
            LineChart(
                title: "from scratch vs concise",
                xAxis: Axis(label: "epoch", range: 0...2), yAxis: Axis(label: "loss", scale: .logarithmic),
                series: [
                    Series("from scratch", x: Self.epochs, y: Self.losses),
                    Series("concise", x: Self.epochs, y: Self.losses.map { $0 * 0.99 }),
                ]
            )
        case .manySeries:
            LineChart(
                title: "learning rates", xAxis: Axis(label: "epoch"), yAxis: Axis(label: "loss"),
                series: (0..<14).map { index in
                    Series("lr \(index)", x: Self.epochs, y: Self.losses.map { $0 * (1 + Double(index) / 10) })
                },
                legend: .outsideRight
            )
        case .emptyChart:
            LineChart(series: [])
        case .bookContour:
            ContourPlot(grid: Self.bookGrid, paths: [Series(pairs: Self.rmspropTrace(), style: .trajectory)])
        case .labelledContour:
            ContourPlot(
                title: "RMSProp, γ = 0.9 and 0.99",
                grid: Self.bookGrid,
                paths: [
                    Series("γ = 0.9", pairs: Self.rmspropTrace(), style: .trajectory),
                    Series("γ = 0.99", pairs: Self.rmspropTrace(gamma: 0.99), style: .trajectory),
                ],
                labelsLevels: true
            )
        case .sweepHeatmap:
            Heatmap(
                title: "final loss", rowAxisLabel: "γ", rowLabels: ["0.9", "0.99", "1"],
                columnAxisLabel: "learning rate", columnLabels: ["0.001", "0.01", "0.1"],
                cells: [
                    [.value(0.31), .value(0.245), .diverged],
                    [.value(0.33), .value(0.2431), .missing],
                    [.stalled, .stalled, .stalled],
                ],
                colorBarLabel: "loss"
            )
        case .logHeatmap:
            Heatmap(
                rowLabels: ["a", "b"], columnLabels: ["a long column label", "another long label"],
                cells: [[.value(1e-4), .value(3e5)], [.value(2), .diverged]],
                colorScale: .logarithmic, size: PlotSize(width: 400, height: 300)
            )
        }
    }
}
