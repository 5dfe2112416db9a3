import D2LTestSupport
import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("--plot and --compare on trace and train")
struct PlotFlagTests {
    /// The `text` elements of an SVG document; parsing it at all shows it is well-formed.
    static func texts(of url: URL) throws -> [String] {
        final class Collector: NSObject, XMLParserDelegate {
            var texts: [String] = []
            var inText = false
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                if name == "text" { inText = true; texts.append("") }
            }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                if name == "text" { inText = false }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) {
                if inText { texts[texts.count - 1] += string }
            }
        }
        let parser = XMLParser(data: try Data(contentsOf: url))
        let collector = Collector()
        parser.delegate = collector
        try #require(parser.parse(), "\(url.lastPathComponent) is not well-formed")
        return collector.texts
    }

    @Test("trace --plot draws the path and each --compare run; the printed line is unchanged")
    func tracePlot() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandRunner.run(["trace", "--plot", "paths.svg", "--compare", "adagrad", "--compare", "sgd"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "epoch 20, x1 -0.010599, x2 0.000000\n")
        let texts = try Self.texts(of: folder.appendingPathComponent("paths.svg"))
        for name in ["rmsprop (lr 0.4, γ 0.9)", "adagrad (lr 0.4)", "sgd (lr 0.4)", "f(x) = 0.1·x1² + 2·x2², 20 steps from (−5, −2)"] {
            #expect(texts.contains(name), "\(name) in \(texts)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["paths.svg"], "no temporary files left")
    }

    @Test("train --plot draws the loss curve and keeps the JSON intact; a stopped run is drawn and still exits 3")
    func trainPlot() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandRunner.run(["train", "--format", "json", "--plot", "loss.svg"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) is [String: Any])
        let texts = try Self.texts(of: folder.appendingPathComponent("loss.svg"))
        #expect(texts.contains("rmsprop (lr 0.01, γ 0.9), from scratch, seed 0"), "\(texts)")
        #expect(texts.contains("epoch") && texts.contains("loss"))
        let stopped = try CommandRunner.run(["train", "--gamma", "1", "--plot", "stopped.svg"], in: folder)
        #expect(stopped.status == 3)
        #expect(try Self.texts(of: folder.appendingPathComponent("stopped.svg")).contains { $0.contains("stopped at step") })
    }

    @Test("plot flags are checked before any work", arguments: [
        (["trace", "--compare", "adagrad"], "--plot"),
        (["trace", "--plot", "figure.png"], ".svg"),
        (["trace", "--plot", "f.svg", "--compare", "adagrd"], "adagrad"),
        (["train", "--plot", "figure.pdf"], ".svg"),
    ] as [([String], String)])
    func usageErrors(arguments: [String], mention: String) throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandRunner.run(arguments, in: folder)
        #expect(result.status == 64, "\(arguments): \(result.standardError)")
        #expect(result.standardError.contains(mention), "\(arguments): \(result.standardError)")
        #expect(result.standardOutput.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
