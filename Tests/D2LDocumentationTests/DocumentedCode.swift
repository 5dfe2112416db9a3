import D2LTestSupport
import Foundation

/// The Swift code of the README and the DocC articles: the `@Snippet` directives that include
/// `Snippets/` files, and the code blocks written in the text.
struct DocumentedCode: Sendable {
    /// A fenced Swift code block, with the line above its fence.
    struct Block: Sendable {
        var file: String
        var lineAbove: String
        var code: String
    }

    /// An `@Snippet(path: "swift-d2l/Snippets/NAME", slice: "SLICE")` directive.
    struct Inclusion: Sendable {
        var file: String
        var snippet: String
        var slice: String?
        /// Under `## Topics`, where DocC keeps only links and a group's first paragraph.
        var inTopics: Bool
    }

    var blocks: [Block] = []
    var inclusions: [Inclusion] = []

    /// README.md and every `Sources/*/*.docc/*.md`, relative to the package's root.
    static func documentPaths() throws -> [String] {
        let sources = Fixtures.packageRoot.appendingPathComponent("Sources")
        var paths = ["README.md"]
        for module in try FileManager.default.contentsOfDirectory(atPath: sources.path).sorted() {
            let moduleFolder = sources.appendingPathComponent(module)
            for catalogue in (try? FileManager.default.contentsOfDirectory(atPath: moduleFolder.path)) ?? []
            where catalogue.hasSuffix(".docc") {
                let articles = try FileManager.default.contentsOfDirectory(atPath: moduleFolder.appendingPathComponent(catalogue).path)
                paths += articles.filter { $0.hasSuffix(".md") }.sorted().map { "Sources/\(module)/\(catalogue)/\($0)" }
            }
        }
        return paths
    }

    static func read() throws -> DocumentedCode {
        var code = DocumentedCode()
        for path in try documentPaths() {
            let text = try String(contentsOf: Fixtures.packageRoot.appendingPathComponent(path), encoding: .utf8)
            code.add(text, from: path)
        }
        return code
    }

    private mutating func add(_ text: String, from file: String) {
        let lines = text.components(separatedBy: "\n")
        var index = 0
        var inTopics = false
        while index < lines.count {
            let line = lines[index].trimmed
            if line.hasPrefix("## ") { inTopics = line == "## Topics" }
            if line == "```swift" {
                let end = lines[(index + 1)...].firstIndex { $0.trimmed == "```" } ?? lines.count
                blocks.append(Block(
                    file: file, lineAbove: index > 0 ? lines[index - 1].trimmed : "",
                    code: lines[(index + 1)..<end].joined(separator: "\n")))
                index = end + 1
                continue
            }
            if line.hasPrefix("@Snippet(") {
                let path = Self.argument("path", in: line) ?? ""
                inclusions.append(Inclusion(
                    file: file, snippet: path.components(separatedBy: "/").last ?? "", slice: Self.argument("slice", in: line),
                    inTopics: inTopics))
                if !path.hasPrefix("swift-d2l/Snippets/") {
                    inclusions[inclusions.count - 1].snippet = "(path \(path) is not swift-d2l/Snippets/NAME)"
                }
            }
            index += 1
        }
    }

    /// The quoted value of `name: "…"` in a directive.
    private static func argument(_ name: String, in line: String) -> String? {
        guard let start = line.range(of: name + ": \"") else { return nil }
        let rest = line[start.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}

/// A package manifest shown in the documentation, read for what a consumer names.
struct DocumentedManifest: Sendable {
    var file: String
    var code: String

    /// The identities of the dependencies it declares, commented-out alternatives included: the
    /// last path component for `.package(path:)`, and for `.package(url:)` the URL's last path
    /// component without `.git`, as SwiftPM derives them.
    var dependencyIdentities: [String] {
        Self.quoted(after: ".package(path: \"", in: code).map { ($0 as NSString).lastPathComponent.lowercased() }
            + Self.quoted(after: ".package(url: \"", in: code).map {
                let last = ($0 as NSString).lastPathComponent
                return (last.hasSuffix(".git") ? String(last.dropLast(4)) : last).lowercased()
            }
    }

    /// The `(product, package)` pairs of its `.product(name:package:)` dependencies.
    var products: [(name: String, package: String)] {
        code.components(separatedBy: ".product(name: \"").dropFirst().compactMap { piece in
            guard let nameEnd = piece.firstIndex(of: "\""),
                  let package = Self.quoted(after: "package: \"", in: String(piece)).first
            else { return nil }
            return (String(piece[..<nameEnd]), package)
        }
    }

    /// Every string literal that follows `prefix`.
    static func quoted(after prefix: String, in text: String) -> [String] {
        text.components(separatedBy: prefix).dropFirst().compactMap { piece in
            piece.firstIndex(of: "\"").map { String(piece[..<$0]) }
        }
    }
}
