import D2LChapters
import D2LOptimizers
import D2LTestSupport
import D2LTraining
import Foundation
import Testing

@Suite("The section's report")
struct SectionReportTests {
    static func html(seed: UInt64) throws -> String {
        let section = try RMSPropSection(settings: Ch7Settings(seed: seed))
        return SectionReport(result: try section.run(), exercises: try section.exercises(), settings: section.settings).html()
    }

    /// The report without the timings, the only numbers that differ between identical runs.
    static func withoutTimings(_ html: String) -> String {
        html.replacing(/\d+\.\d+ sec per epoch/, with: "… sec per epoch")
    }

    @Test("the same seed gives the same report; another seed changes its numbers, the sweep's included")
    func seeds() throws {
        let first = Self.withoutTimings(try Self.html(seed: 0))
        let again = Self.withoutTimings(try Self.html(seed: 0))
        let other = Self.withoutTimings(try Self.html(seed: 1))
        #expect(first == again)
        #expect(first != other)
        func findings(_ html: String) -> String? {
            guard let start = html.range(of: "The lowest final loss"), let end = html.range(of: "Outcomes:", range: start.upperBound..<html.endIndex)
            else { return nil }
            return String(html[start.lowerBound..<end.lowerBound])
        }
        let firstFindings = try #require(findings(first))
        #expect(firstFindings != findings(other))
        #expect(first.contains("seed 0") && other.contains("seed 1"))
    }

    @Test("it explains γ = 1 and shows the sweep's evidence, offline, with no nan")
    func content() throws {
        let html = try Self.html(seed: 0)
        for text in ["Exercise 1: γ = 1", "keeps its starting value 0", "Exercise 2", "Final loss of each run: rows γ, columns η.",
                     "least-squares optimum", "d2l sweep --optimizer rmsprop --lr 0.001,0.01,0.03,0.1 --gamma 0.5,0.9,0.99,1 --seed 0"] {
            #expect(html.contains(text), "\(text)")
        }
        #expect(html.components(separatedBy: "<svg").count - 1 == 4)
        #expect(html.contains("Beyond the section: 8-bit optimizer state"))
        #expect(html.contains(/Float state ends at loss 0\.24\d+ with 24 bytes of state, 8-bit state at 0\.24\d+ with 14 bytes/))
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") || html.components(separatedBy: "http://").dropFirst().allSatisfy { $0.hasPrefix("www.w3.org/") })
        #expect(!html.contains("https://"))
        #expect(!html.lowercased().contains("nan<") && !html.contains(">nan"))
    }

    @Test("write puts four figures and the report into the folder, each well-formed")
    func writes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let section = try RMSPropSection(settings: Ch7Settings(seed: 2))
        let report = SectionReport(result: try section.run(), exercises: try section.exercises(), settings: section.settings)
        let urls = try report.write(to: folder)
        #expect(urls.map(\.lastPathComponent) == ["trace-2d.svg", "losses.svg", "exercise-heatmap.svg", "exercise-curves.svg", "index.html"])
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == urls.map(\.lastPathComponent).sorted())
        for url in urls where url.pathExtension == "svg" {
            #expect(WellFormedXML.check(try String(contentsOf: url, encoding: .utf8)), "\(url.lastPathComponent)")
        }
    }

    @Test("path figures widen the book's window to take in the start, and name each run")
    func traceFigure() throws {
        let path = try Trace2D.run(RMSPropSection.traceAlgorithm, start: [-8, 3], steps: 5)
        let figure = SectionFigures.trace([("a", path)], title: SectionFigures.traceTitle(steps: 5, start: [-8, 3]))
        #expect(figure.xAxis.range == -8.5...1)
        #expect(figure.yAxis.range == -3...3.5)
        #expect(figure.title == "f(x) = 0.1·x1² + 2·x2², 5 steps from (−8, 3)")
        let book = SectionFigures.trace([("b", try Trace2D.run(RMSPropSection.traceAlgorithm))], title: "")
        #expect(book.xAxis.range == -5.5...1 && book.yAxis.range == -3...1)
        #expect(SectionFigures.label("rmsprop", RMSPropSection.traceAlgorithm) == "rmsprop (lr 0.4, γ 0.9)")
        #expect(SectionFigures.label("adagrad", RMSPropSection.adagradTraceAlgorithm) == "adagrad (lr 0.4)")
    }
}
