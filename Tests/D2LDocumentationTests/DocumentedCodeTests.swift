import D2LTestSupport
import Foundation
import Testing

/// The README and the DocC articles show only Swift that the build compiles: snippets included
/// with `@Snippet`, README code equal to a snippet's shown text, and package manifests whose
/// products and package identities resolve against this package.
@Suite("Documented code compiles as written")
struct DocumentedCodeTests {
    @Test("every @Snippet names an existing snippet and slice")
    func inclusionsExist() throws {
        let code = try DocumentedCode.read()
        let snippets = Dictionary(uniqueKeysWithValues: try SnippetFile.all().map { ($0.name, $0) })
        #expect(!code.inclusions.isEmpty)
        for inclusion in code.inclusions {
            guard let snippet = snippets[inclusion.snippet] else {
                Issue.record("\(inclusion.file) includes \(inclusion.snippet), which is not a file of Snippets/")
                continue
            }
            #expect(!inclusion.inTopics, "\(inclusion.file) includes \(inclusion.snippet) under ## Topics, where DocC drops it")
            if let slice = inclusion.slice {
                #expect(snippet.sliceNames.contains(slice), "\(inclusion.file): \(snippet.name) has no slice \(slice)")
            }
        }
    }

    @Test("every snippet is shown by the README or an article, so none is compiled for nothing")
    func everySnippetIsShown() throws {
        let code = try DocumentedCode.read()
        let shown = Set(code.inclusions.map(\.snippet) + code.blocks.compactMap { Self.snippetMarked(above: $0) })
        for snippet in try SnippetFile.all() {
            #expect(shown.contains(snippet.name), "Snippets/\(snippet.name).swift is shown nowhere")
        }
    }

    @Test("a Swift block in the README equals the shown text of the snippet named above it; the articles use @Snippet")
    func blocksAreSnippets() throws {
        for block in try DocumentedCode.read().blocks where !block.code.contains("import PackageDescription") {
            guard block.file == "README.md", let name = Self.snippetMarked(above: block) else {
                Issue.record("\(block.file) has a Swift block that no build compiles; make it a snippet:\n\(block.code)")
                continue
            }
            let snippet = try SnippetFile(named: name)
            #expect(block.code == snippet.shownText(), "README.md's block differs from Snippets/\(name).swift")
        }
    }

    @Test("the manifests shown name this package's library products under the identity of the dependency they declare")
    func manifestsResolve() throws {
        let manifests = try DocumentedCode.read().blocks.filter { $0.code.contains("import PackageDescription") }
            .map { DocumentedManifest(file: $0.file, code: $0.code) }
        #expect(Set(manifests.map(\.file)) == ["README.md", "Sources/D2LChapters/D2LChapters.docc/GettingStarted.md"])
        let ownManifest = try String(contentsOf: Fixtures.packageRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        let libraries = Set(DocumentedManifest.quoted(after: ".library(name: \"", in: ownManifest))
        for manifest in manifests {
            #expect(manifest.dependencyIdentities.count >= 2, "\(manifest.file) should show the path and the URL form")
            #expect(Set(manifest.dependencyIdentities) == ["swift-d2l"], "\(manifest.file): \(manifest.dependencyIdentities)")
            #expect(!manifest.products.isEmpty)
            for product in manifest.products {
                #expect(libraries.contains(product.name), "\(manifest.file) names a product \(product.name) the package lacks")
                #expect(manifest.dependencyIdentities.contains(product.package),
                        "\(manifest.file) names package \(product.package), not a declared dependency's identity")
            }
            try Self.expectManifestLoads(manifest)
        }
    }

    /// `swift package dump-package` reads the manifest in a folder of its own.
    static func expectManifestLoads(_ manifest: DocumentedManifest) throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try manifest.code.write(to: folder.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(
            program: URL(filePath: "/usr/bin/env"), ["swift", "package", "dump-package", "--package-path", folder.path], in: folder)
        #expect(result.status == 0, "\(manifest.file)'s manifest does not load: \(result.standardError)")
    }

    /// The snippet named by `<!-- snippet: NAME -->` on the line above a block.
    static func snippetMarked(above block: DocumentedCode.Block) -> String? {
        guard block.lineAbove.hasPrefix("<!-- snippet: "), block.lineAbove.hasSuffix(" -->") else { return nil }
        return String(block.lineAbove.dropFirst("<!-- snippet: ".count).dropLast(" -->".count))
    }
}
