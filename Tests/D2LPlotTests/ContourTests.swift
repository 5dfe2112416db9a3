import D2LPlot
import Foundation
import Testing

struct ContourTests {
    @Test("marching squares on x² + y² finds a closed circle at the radius", arguments: [0.5, 1.0, 1.7])
    func circle(radius: Double) throws {
        let grid = SampledGrid(x: -2...2, y: -2...2, step: 0.05) { x, y in x * x + y * y }
        let lines = grid.contourLines(at: radius * radius)
        #expect(lines.count == 1, "one polyline, not a heap of segments")
        let line = try #require(lines.first)
        #expect(line.first == line.last, "the circle is closed")
        #expect(line.count > 40)
        for point in line {
            #expect(abs((point.x * point.x + point.y * point.y).squareRoot() - radius) < 2e-3)
        }
    }

    @Test("open lines end on the grid's border and follow a saddle's hyperbolas")
    func saddle() {
        let grid = SampledGrid(x: -2...2, y: -2...2, step: 0.1) { x, y in x * y }
        let lines = grid.contourLines(at: 0.5)
        #expect(lines.count == 2)
        for line in lines {
            #expect(line.first != line.last)
            #expect(line.allSatisfy { abs($0.x * $0.y - 0.5) < 0.01 })
        }
    }

    @Test("cells touching a non-finite sample are skipped")
    func nonFiniteSamples() {
        let grid = SampledGrid(x: -2...2, y: -2...2, step: 0.1) { x, y in
            abs(x - 1) < 0.01 && abs(y) < 0.01 ? .nan : x * x + y * y
        }
        let lines = grid.contourLines(at: 1)
        #expect(lines.count == 1)
        #expect(lines.joined().allSatisfy { $0.x.isFinite && $0.y.isFinite })
        #expect(lines[0].first != lines[0].last, "the circle is broken at the missing sample")
    }

    @Test("a grid samples like numpy's meshgrid over the book's range")
    func bookGrid() {
        let grid = SampleFigure.bookGrid
        #expect(grid.x.count == 66 && grid.y.count == 41)
        #expect(grid.values.count == grid.y.count && grid.values[0].count == grid.x.count)
        #expect(grid.values[0][0] == 0.1 * 5.5 * 5.5 + 2 * 3 * 3)
    }

    @Test("automatic levels are round numbers strictly inside the data range")
    func automaticLevels() {
        #expect(ContourPlot.automaticLevels(for: SampleFigure.bookGrid) == [2.5, 5, 7.5, 10, 12.5, 15, 17.5, 20])
        let flat = SampledGrid(x: [0, 1], y: [0, 1], values: [[3, 3], [3, 3]])
        #expect(ContourPlot.automaticLevels(for: flat).isEmpty)
    }

    @Test("the book's trace is drawn in orange with disc markers over viridis contours")
    func bookFigure() throws {
        let parsed = try ParsedSVG(SampleFigure.bookContour.figure.svg())
        let path = try #require(parsed.all("polyline", inGroup: "paths").first)
        #expect(path.attributes["stroke"] == "#ff7f0e")
        #expect(parsed.all("circle", inGroup: "paths").count == 21)
        #expect(parsed.all("circle", inGroup: "paths").allSatisfy { $0.attributes["fill"] == "#ff7f0e" })
        let levels = parsed.all("g", inGroup: "contours").filter { $0.attributes["class"] == "level" }
        #expect(levels.count == 8)
        #expect(parsed.all("text", inGroup: "legend").isEmpty)
        #expect(parsed.texts.contains("x1") && parsed.texts.contains("x2"))
    }

    @Test("several named paths get distinct colours, a legend and level labels when asked")
    func severalPaths() throws {
        let parsed = try ParsedSVG(SampleFigure.labelledContour.figure.svg())
        let strokes = parsed.all("polyline", inGroup: "paths").map { $0.attributes["stroke"] }
        #expect(Set(strokes) == ["#ff7f0e", "#d62728"])
        #expect(parsed.all("text", inGroup: "legend").map(\.text) == ["γ = 0.9", "γ = 0.99"])
        let labels = parsed.all("text", inGroup: "contours").map(\.text)
        #expect(labels.contains("2.5") && labels.contains("10"))
    }
}
