import D2LTestSupport
import Foundation
import Testing

/// One row of the table in TESTING.md: a bad input, the command that feeds it in, and what the
/// user gets.
struct BadInputRow: Sendable, CustomStringConvertible {
    var number: Int
    var input: String
    var arguments: [String]
    var status: Int32
    /// The first line on standard error; for an accepted input, the start of standard output.
    var message: String

    var description: String { "row \(number) (\(input))" }

    /// The rows between `<!-- bad-input-table:begin -->` and `<!-- bad-input-table:end -->`.
    static func all() throws -> [BadInputRow] {
        let text = try String(contentsOf: Fixtures.packageRoot.appendingPathComponent("TESTING.md"), encoding: .utf8)
        guard let begin = text.range(of: "<!-- bad-input-table:begin -->"), let end = text.range(of: "<!-- bad-input-table:end -->") else {
            return []
        }
        return text[begin.upperBound..<end.lowerBound].split(separator: "\n").compactMap { line in
            // | 12 | input | `d2l train …` | 65 | `error: …` |
            let cells = line.replacingOccurrences(of: "\\|", with: "\u{0}").split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.replacingOccurrences(of: "\u{0}", with: "|").trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 6, let number = Int(cells[1]), let status = Int32(cells[4]) else { return nil }
            func code(_ cell: String) -> String { cell.hasPrefix("`") && cell.hasSuffix("`") ? String(cell.dropFirst().dropLast()) : cell }
            let command = code(cells[3]).split(separator: " ").map(String.init)
            guard command.first == "d2l" else { return nil }
            return BadInputRow(number: number, input: cells[2], arguments: Array(command.dropFirst()), status: status, message: code(cells[5]))
        }
    }
}

@Suite("The bad-input table of TESTING.md is what the user gets")
struct BadInputTableTests {
    static let rows = (try? BadInputRow.all()) ?? []

    /// A folder holding a copy of `Tests/Fixtures/bad-input`, so that no row can change the
    /// committed files, and a cache folder.
    static let workspace: URL = {
        let folder = try! CommandRunner.temporaryDirectory()
        let fixtures = folder.appendingPathComponent("Tests/Fixtures")
        try! FileManager.default.createDirectory(at: fixtures, withIntermediateDirectories: true)
        try! FileManager.default.copyItem(at: Fixtures.url("bad-input"), to: fixtures.appendingPathComponent("bad-input"))
        return folder
    }()

    @Test("the table lists every kind of bad input")
    func tableIsComplete() {
        #expect(Self.rows.count >= 60)
        #expect(Set(Self.rows.map(\.status)) == [0, 1, 3, 64, 65, 73])
    }

    @Test("each bad input gives the documented status and message", arguments: rows)
    func row(_ row: BadInputRow) throws {
        let workspace = Self.workspace
        let result = try CommandRunner.run(
            row.arguments, in: workspace, environment: ["D2L_CACHE_DIR": workspace.appendingPathComponent("cache").path]
        )
        var errorOutput = result.standardError
        for prefix in [workspace.path, workspace.resolvingSymlinksInPath().path] {
            errorOutput = errorOutput.replacingOccurrences(of: prefix + "/", with: "")
        }
        #expect(result.status == row.status, "\(row): \(errorOutput)")
        #expect(!errorOutput.contains("Fatal error") && !errorOutput.contains("Stack dump"))
        if row.status == 0 {
            let accepted = row.message.replacingOccurrences(of: "(accepted) ", with: "").replacingOccurrences(of: "…", with: "")
            #expect(result.standardOutput.hasPrefix(accepted), "\(row): \(result.standardOutput)")
        } else {
            let firstLine = errorOutput.split(separator: "\n").first.map(String.init) ?? ""
            #expect(firstLine == row.message, "\(row): stderr begins \(firstLine.debugDescription)")
            if row.status != 3 { #expect(result.standardOutput.isEmpty, "\(row) printed \(result.standardOutput)") }
        }
    }
}
