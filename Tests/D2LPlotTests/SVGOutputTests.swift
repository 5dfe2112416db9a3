import D2LPlot
import Foundation
import Testing

struct SVGOutputTests {
    @Test("every kind of figure is well-formed XML with an svg root", arguments: SampleFigure.allCases)
    func wellFormed(sample: SampleFigure) throws {
        let svg = sample.figure.svg()
        let parsed = try ParsedSVG(svg)
        #expect(parsed.elements.last?.name == "svg")
        #expect(parsed.elements.last?.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(svg.hasSuffix("</svg>\n"))
    }

    @Test("the same figure renders to the same bytes", arguments: SampleFigure.allCases)
    func deterministic(sample: SampleFigure) {
        let first = Data(sample.figure.svg().utf8)
        let second = Data(sample.figure.svg().utf8)
        #expect(first == second)
    }

    @Test("two equal figures built separately render to identical text")
    func equalFiguresEqualText() {
        let a = SampleFigure.bookContour.figure.svg()
        let b = ContourPlot(
            grid: SampledGrid(x: -5.5...1, y: -3...1, step: 0.1) { 0.1 * $0 * $0 + 2 * $1 * $1 },
            paths: [Series(pairs: SampleFigure.rmspropTrace(), style: .trajectory)]
        ).svg()
        #expect(a == b)
    }

    @Test("numbers in the markup are short fixed-point decimals", arguments: SampleFigure.allCases)
    func numberFormat(sample: SampleFigure) throws {
        let parsed = try ParsedSVG(sample.figure.svg())
        let numeric: Set = ["x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "width", "height", "font-size", "stroke-width"]
        for element in parsed.elements {
            for (name, value) in element.attributes where numeric.contains(name) {
                #expect(value.wholeMatch(of: /-?[0-9]+(\.[0-9]{1,2})?/) != nil, "\(element.name) \(name)=\(value)")
            }
            if let points = element.attributes["points"] {
                #expect(points.wholeMatch(of: /(-?[0-9]+(\.[0-9]{1,2})?,-?[0-9]+(\.[0-9]{1,2})?( |$))+/) != nil)
            }
        }
    }

    @Test("text with XML's special characters is escaped and reads back unchanged")
    func escaping() throws {
        let tricky = #"loss < 0.5 && "lr" > 'γ' </svg>"#
        let chart = LineChart(
            title: tricky + "\u{1}\u{7}", xAxis: Axis(label: "a&b"), yAxis: Axis(label: "<y>"),
            series: [Series("\"quoted\" & 'apostrophes'", x: [0, 1], y: [1, 2])]
        )
        let parsed = try ParsedSVG(chart.svg())
        #expect(parsed.texts.contains(tricky))
        #expect(parsed.texts.contains("a&b"))
        #expect(parsed.texts.contains("<y>"))
        #expect(parsed.texts.contains("\"quoted\" & 'apostrophes'"))
    }

    @Test("non-finite points are skipped and break the line instead of writing nan")
    func nonFinitePoints() throws {
        let values = [0.5, 0.4, .nan, 0.3, 0.28, .infinity, 0.27, 0.26, -.infinity]
        let chart = LineChart(series: [Series(x: Array(0..<values.count).map(Double.init), y: values)])
        let svg = chart.svg()
        #expect(!svg.lowercased().contains("nan") && !svg.lowercased().contains("inf"))
        let lines = try ParsedSVG(svg).all("polyline", inGroup: "series")
        #expect(lines.map(\.polylinePoints.count) == [2, 2, 2])
    }

    @Test("extreme finite values on both sides still give finite ticks and clipped lines")
    func extremeValues() throws {
        let chart = LineChart(series: [Series(x: [0, 1, 2, 3], y: [-.greatestFiniteMagnitude, 1, .greatestFiniteMagnitude, 2])])
        let svg = chart.svg()
        #expect(!svg.lowercased().contains("nan") && !svg.lowercased().contains("inf"))
        #expect(try ParsedSVG(svg).all("polyline", inGroup: "series").count >= 1)
        let heatmap = Heatmap(rowLabels: ["r"], columnLabels: ["a", "b"], cells: [[.value(-1e308), .value(1e308)]])
        #expect(try ParsedSVG(heatmap.svg()).all("rect", inGroup: "cells").count == 2)
    }

    @Test("values a logarithmic axis cannot show are skipped")
    func logarithmicSkipsNonPositive() throws {
        let chart = LineChart(
            yAxis: Axis(scale: .logarithmic),
            series: [Series(x: [0, 1, 2, 3, 4], y: [1, 0.1, 0, 0.01, 0.001])]
        )
        let parsed = try ParsedSVG(chart.svg())
        #expect(parsed.all("polyline", inGroup: "series").map(\.polylinePoints.count) == [2, 2])
        #expect(parsed.texts.contains("10⁻³") || parsed.texts.contains("0.001"))
    }

    @Test("lines leaving an explicit axis range are cut at the plot's edge")
    func clipping() throws {
        let chart = LineChart(
            xAxis: Axis(range: 0...1), yAxis: Axis(range: 0...1),
            series: [Series(x: [-1, 0.5, 2, 1e300], y: [0.5, 0.5, 40, -1e300], style: SeriesStyle(marker: .circle))]
        )
        let parsed = try ParsedSVG(chart.svg())
        let frame = try #require(parsed.all("rect").first { $0.attributes["stroke"] != nil && $0.attributes["fill"] == "none" })
        let (left, top) = (try #require(frame.number("x")), try #require(frame.number("y")))
        let (right, bottom) = (left + (try #require(frame.number("width"))), top + (try #require(frame.number("height"))))
        let points = parsed.all("polyline", inGroup: "series").flatMap(\.polylinePoints)
        #expect(!points.isEmpty)
        for point in points {
            #expect(point.x >= left - 0.01 && point.x <= right + 0.01 && point.y >= top - 0.01 && point.y <= bottom + 0.01)
        }
        #expect(parsed.all("circle", inGroup: "series").count == 1)
    }

    @Test("series without a colour take matplotlib's tab10 cycle, then dashes")
    func colourCycle() throws {
        let series = (0..<12).map { Series("s\($0)", x: [0, 1], y: [Double($0), Double($0) + 1]) }
        let parsed = try ParsedSVG(LineChart(series: series).svg())
        let lines = parsed.all("polyline", inGroup: "series")
        #expect(lines.prefix(5).map { $0.attributes["stroke"] } == ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"])
        #expect(lines[10].attributes["stroke"] == "#1f77b4")
        #expect(lines[9].attributes["stroke-dasharray"] == nil)
        #expect(lines[10].attributes["stroke-dasharray"] != nil)
    }

    @Test("the legend lists the named series and nothing when none is named")
    func legend() throws {
        let named = LineChart(series: [Series("rmsprop", x: [0, 1], y: [0, 1]), Series(x: [0, 1], y: [1, 0])])
        #expect(try ParsedSVG(named.svg()).all("text", inGroup: "legend").map(\.text) == ["rmsprop"])
        let anonymous = LineChart(series: [Series(x: [0, 1], y: [0, 1])])
        #expect(try ParsedSVG(anonymous.svg()).all("text", inGroup: "legend").isEmpty)
        var hidden = named
        hidden.legend = .hidden
        #expect(try ParsedSVG(hidden.svg()).all("text", inGroup: "legend").isEmpty)
    }

    @Test("a legend placed best avoids the data")
    func legendAvoidsData() throws {
        // A line rising from bottom left to top right leaves the top left and bottom right free.
        let chart = LineChart(series: [
            Series("a", x: [0, 1], y: [0, 1]), Series("b", x: [0, 1], y: [0.05, 1.05]),
        ])
        let parsed = try ParsedSVG(chart.svg())
        let box = try #require(parsed.all("rect", inGroup: "legend").first)
        let frame = try #require(parsed.all("rect").first { $0.attributes["fill"] == "none" && $0.groupClasses.isEmpty })
        let boxCenter = try #require(box.number("x")) + (try #require(box.number("width"))) / 2
        let frameCenter = try #require(frame.number("x")) + (try #require(frame.number("width"))) / 2
        #expect(boxCenter < frameCenter, "the upper-left corner is free; upper right is not")
    }
}
