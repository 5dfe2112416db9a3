import D2LPlot
import Testing

struct HeatmapTests {
    @Test("every cell shows its value or the word for its mark")
    func annotations() throws {
        let parsed = try ParsedSVG(SampleFigure.sweepHeatmap.figure.svg())
        let labels = parsed.all("text", inGroup: "cell-labels").map(\.text)
        #expect(labels == ["0.310", "0.245", "diverged", "0.330", "0.243", "n/a", "stalled", "stalled", "stalled"])
        #expect(parsed.texts.contains("learning rate") && parsed.texts.contains("γ") && parsed.texts.contains("loss"))
    }

    @Test("the key lists only the marks present, and the colour bar has round ticks")
    func keyAndColourBar() throws {
        let parsed = try ParsedSVG(SampleFigure.sweepHeatmap.figure.svg())
        #expect(parsed.all("text", inGroup: "key").map(\.text) == ["diverged", "stalled", "n/a"])
        let barLabels = parsed.all("text", inGroup: "color-bar").map(\.text)
        #expect(barLabels == ["0.26", "0.28", "0.30", "0.32", "loss"])
        let logParsed = try ParsedSVG(SampleFigure.logHeatmap.figure.svg())
        #expect(logParsed.all("text", inGroup: "key").map(\.text) == ["diverged"])
        #expect(logParsed.all("text", inGroup: "cell-labels").map(\.text) == ["10⁻⁴", "3×10⁵", "2.00", "diverged"])
    }

    @Test("cells are coloured from the colour map by value")
    func colours() throws {
        let heatmap = Heatmap(rowLabels: ["r"], columnLabels: ["low", "high"], cells: [[.value(1), .value(2)]])
        let parsed = try ParsedSVG(heatmap.svg())
        let fills = parsed.all("rect", inGroup: "cells").map { $0.attributes["fill"] }
        #expect(fills == ["#440154", "#fde725"])
    }

    @Test("optional results map to cells: nil is missing, non-finite is diverged")
    func cellFromOptional() {
        #expect(HeatmapCell(nil) == .missing)
        #expect(HeatmapCell(.nan) == .diverged)
        #expect(HeatmapCell(.infinity) == .diverged)
        #expect(HeatmapCell(0.25) == .value(0.25))
    }
}
