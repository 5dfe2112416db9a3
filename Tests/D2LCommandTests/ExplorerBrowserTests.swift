import D2LTestSupport
import Foundation
import Testing

/// `d2l explore`'s page opened in headless Chromium: what the page shows after its script ran
/// is compared with what `d2l trace` and `d2l train` print for the same settings.
@Suite(
    "explore.html in a real browser", .serialized,
    .enabled(if: HeadlessChromium.isInstalled, "chromium is not installed (apt-get install -y chromium); the browser tests need it")
)
struct ExplorerBrowserTests {
    /// The page written once by `d2l explore`, and what the command printed.
    static let written: Result<(page: URL, output: String), ExplorerTestError> = {
        do {
            let folder = try CommandRunner.temporaryDirectory()
            let result = try CommandRunner.run(["explore", "--out", folder.path])
            guard result.status == 0 else { return .failure(ExplorerTestError("d2l explore failed: \(result.standardError)")) }
            return .success((folder.appendingPathComponent("explore.html"), result.standardOutput))
        } catch {
            return .failure(ExplorerTestError("\(error)"))
        }
    }()

    /// The page's document in the browser, opened at `fragment`.
    static func document(_ fragment: String) throws -> String {
        let page = try written.get().page
        let url = try #require(URL(string: page.absoluteString + (fragment.isEmpty ? "" : "#" + fragment)))
        let dom = try HeadlessChromium.dumpDOM(url)
        try #require(dom.contains("id=\"readout\""), "the browser printed no document for #\(fragment)")
        return dom
    }

    /// The text of the element `id` (a `<p>`), or of the attribute `attribute` of element `id`.
    static func text(of id: String, in dom: String) -> String? {
        guard let match = dom.firstMatch(of: try! Regex("<p id=\"\(id)\"[^>]*>([^<]*)</p>")) else { return nil }
        return unescaped(String(match.output[1].substring ?? ""))
    }

    static func attribute(_ attribute: String, of id: String, in dom: String) -> String? {
        guard let match = dom.firstMatch(of: try! Regex("<[a-z]+ id=\"\(id)\" [^>]*?\(attribute)=\"([^\"]*)\"")) else { return nil }
        return String(match.output[1].substring ?? "")
    }

    static func unescaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Fragments for settings not shown by default, with the flags that give the same run.
    static let cases: [(fragment: String, flags: [String], steps: Int)] = [
        ("", ["--lr", "0.4", "--gamma", "0.9", "--eps-placement", "inside"], 20),
        ("lr=0.1&gamma=0.99&centered=1", ["--lr", "0.1", "--gamma", "0.99", "--eps-placement", "inside", "--centered"], 20),
        ("lr=0.03&gamma=0.5&placement=outside&momentum=0.9&steps=50",
         ["--lr", "0.03", "--gamma", "0.5", "--eps-placement", "outside", "--momentum", "0.9"], 50),
        ("lr=0.002&gamma=0.999&placement=outside&centered=1&momentum=0.5&steps=7",
         ["--lr", "0.002", "--gamma", "0.999", "--eps-placement", "outside", "--centered", "--momentum", "0.5"], 7),
        ("lr=0.01&gamma=0.9&preset=pytorch&steps=100", ["--lr", "0.01", "--gamma", "0.9", "--preset", "pytorch"], 100),
        ("lr=0.2&gamma=0.7&preset=keras", ["--lr", "0.2", "--gamma", "0.7", "--preset", "keras"], 20),
    ]

    @Test("the readout equals what d2l trace and d2l train print for the same settings", arguments: cases.indices)
    func readoutMatchesTheCommandLine(index: Int) throws {
        let (fragment, flags, steps) = Self.cases[index]
        let dom = try Self.document(fragment)
        let trace = try CommandRunner.run(["trace"] + flags + ["--steps", "\(steps)"])
        let train = try CommandRunner.run(["train"] + flags)
        try #require(trace.status == 0 && train.status == 0, "\(trace.standardError)\(train.standardError)")
        #expect(Self.text(of: "readout-trace", in: dom) == trace.standardOutput.trimmingCharacters(in: .newlines), "#\(fragment)")
        let lossLine = String(train.standardOutput.prefix { $0 != "," })
        #expect(Self.text(of: "readout-loss", in: dom) == lossLine, "#\(fragment)")
    }

    @Test("the book's view opens by default: epoch 20, x1 -0.010599, x2 0.000000")
    func defaultView() throws {
        let dom = try Self.document("")
        #expect(Self.text(of: "readout-trace", in: dom) == "epoch 20, x1 -0.010599, x2 0.000000")
    }

    @Test("changing a control changes the drawn path")
    func controlsChangeThePath() throws {
        let fragments = [
            "lr=0.1&gamma=0.9", "lr=0.1&gamma=0.99", "lr=0.1&gamma=0.9&momentum=0.9", "lr=0.1&gamma=0.9&centered=1",
            "lr=0.4&gamma=0.9", "lr=0.1&gamma=0.9&steps=5", "lr=0.1&gamma=0.9&preset=tensorflow1",
        ]
        let paths = try fragments.map { fragment in
            try #require(Self.attribute("d", of: "path-main", in: try Self.document(fragment)), "#\(fragment) draws a path")
        }
        #expect(Set(paths).count == fragments.count, "\(paths)")
        #expect(paths.allSatisfy { $0.hasPrefix("M") && $0.contains(" L") })
        let compared = try Self.document("lr=0.1&gamma=0.9&compare=adagrad")
        #expect(Self.attribute("d", of: "path-compared", in: compared) != nil)
        #expect(Self.text(of: "readout-compared", in: compared)?.hasPrefix("adagrad") == true)
    }

    @Test("a diverged setting shows the diverged notice, as the command line stops")
    func divergedNotice() throws {
        let dom = try Self.document("lr=1&gamma=1")
        let trace = try #require(Self.text(of: "readout-trace", in: dom))
        let loss = try #require(Self.text(of: "readout-loss", in: dom))
        #expect(trace.hasPrefix("diverged") && loss.hasPrefix("diverged"), "\(trace) / \(loss)")
        #expect(dom.contains("class=\"notice\">diverged"))
        let train = try CommandRunner.run(["train", "--lr", "1", "--gamma", "1", "--eps-placement", "inside"])
        #expect(train.status == 3, "the command line stops the same training on a non-finite loss")
    }

    @Test("the page is one offline file under 10 MB with at least 1,440 settings, ready within 2 s")
    func selfContained() throws {
        let (page, output) = try Self.written.get()
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.utf8.count < 10_000_000, "\(html.utf8.count) bytes")
        for external in ["src=", "<link", "@import", "url(http", "fetch(", "XMLHttpRequest", "WebSocket"] {
            #expect(!html.contains(external), "\(external) in the page")
        }
        let count = try #require(output.firstMatch(of: /\((\d+) settings\)/).flatMap { Int($0.output.1) })
        #expect(count >= 1440 + 5 * 120 + 3 * 12, "\(output)")
        let dom = try Self.document("lr=0.1&gamma=0.99")
        let ready = try #require(Self.attribute("data-ready-ms", of: "explorer", in: dom).flatMap(Double.init))
        #expect(ready < 2000, "first drawing after \(ready) ms")
    }
}

/// Why the page for the browser tests could not be made.
struct ExplorerTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
