import D2LTestSupport
import Foundation
import Testing

/// Every snippet runs, as built by this build, and prints what its comments say it prints.
@Suite("Snippets print what their comments show")
struct SnippetOutputTests {
    /// Snippets compiled by every build but not run here, and why.
    static let notRun = [
        "ExplorerPage": "computes the explorer's 2,076 runs, which the explorer's own tests cover",
    ]

    static func snippetsToRun() throws -> [SnippetFile] {
        try SnippetFile.all().filter { notRun[$0.name] == nil }
    }

    @Test("the snippet runs in an empty folder and prints its documented lines, in order", arguments: try snippetsToRun())
    func printsDocumentedOutput(snippet: SnippetFile) throws {
        let program = try CommandRunner.executable(named: snippet.name)
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandRunner.run(program: program, [], in: folder)
        #expect(result.status == 0, "\(snippet.name) failed: \(result.standardError)")
        var output = result.standardOutput.components(separatedBy: "\n")[...]
        for expected in snippet.documentedOutput {
            guard let index = output.firstIndex(where: { $0.matches(documented: expected) }) else {
                Issue.record("\(snippet.name) does not print \"\(expected)\" (after the lines before it); it printed:\n\(result.standardOutput)")
                return
            }
            output = output[(index + 1)...]
        }
    }

    @Test("the getting-started snippet documents the section's numbers")
    func gettingStartedDocumentsTheBooksLines() throws {
        let documented = try SnippetFile(named: "GettingStarted").documentedOutput
        for line in [
            "epoch 20, x1 -0.010599, x2 0.000000", "epoch 20, x1 -2.382563, x2 -0.158591",
            "loss: 0.243580, … sec per epoch", "loss: 0.243581, … sec per epoch", "stopped at step 17",
            "lr 0.01, γ 0.9 finished 0.24358049035072327",
        ] {
            #expect(documented.contains(line), "GettingStarted.swift no longer documents \(line)")
        }
    }

    @Test("a documented pattern matches with … standing for any text")
    func patternMatching() {
        #expect("loss: 0.243580, 0.032 sec per epoch".matches(documented: "loss: 0.243580, … sec per epoch"))
        #expect(!"loss: 0.243581, 0.032 sec per epoch".matches(documented: "loss: 0.243580, … sec per epoch"))
        #expect("rmsprop: lr 0.01, x".matches(documented: "rmsprop: lr 0.01, …"))
        #expect(!"ab".matches(documented: "a…b…b"))
        #expect("epoch 20".matches(documented: "epoch 20"))
    }
}
