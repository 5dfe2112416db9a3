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
}

/// A line of the table that is not what the test can check.
struct BadInputTableError: Error, CustomStringConvertible {
    var description: String
}

extension BadInputRow {
    /// The rows the table holds. It only grows: a row removed is a bad input no longer
    /// checked, so a smaller table fails; a row added raises this number.
    static let expectedCount = 114

    /// The rows between `<!-- bad-input-table:begin -->` and `<!-- bad-input-table:end -->`.
    ///
    /// Each line there is the header, the separator, a section heading (`| | **…** | | | |`) or
    /// a row `| N | input | \`d2l …\` | STATUS | \`message\` |`; anything else is an error
    /// naming the line, so that no row can drop out of the test unseen.
    static func all() throws -> [BadInputRow] {
        let text = try String(contentsOf: Fixtures.packageRoot.appendingPathComponent("TESTING.md"), encoding: .utf8)
        guard let begin = text.range(of: "<!-- bad-input-table:begin -->"), let end = text.range(of: "<!-- bad-input-table:end -->"),
              begin.upperBound <= end.lowerBound
        else {
            throw BadInputTableError(description: "TESTING.md lacks the bad-input-table:begin and :end markers, in that order")
        }
        var rows: [BadInputRow] = []
        for line in text[begin.upperBound..<end.lowerBound].split(separator: "\n") where !line.allSatisfy(\.isWhitespace) {
            let cells = line.replacingOccurrences(of: "\\|", with: "\u{0}").split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.replacingOccurrences(of: "\u{0}", with: "|").trimmingCharacters(in: .whitespaces) }
            guard cells.count == 7, cells[0].isEmpty, cells[6].isEmpty else {
                throw BadInputTableError(description: "not a row of five cells: \(line)")
            }
            if cells[1] == "#" || cells[1...5].allSatisfy({ $0.allSatisfy { $0 == "-" } && !$0.isEmpty }) { continue }
            if cells[1].isEmpty, cells[2].hasPrefix("**"), cells[2].hasSuffix("**"), cells[3...5].allSatisfy(\.isEmpty) { continue }
            guard let number = Int(cells[1]), let status = Int32(cells[4]), let command = code(cells[3]), let message = code(cells[5]),
                  command.hasPrefix("d2l ")
            else {
                throw BadInputTableError(description: "a row that does not parse (N | input | `d2l …` | status | `message`): \(line)")
            }
            let arguments = command.split(separator: " ").dropFirst().map(String.init)
            rows.append(BadInputRow(number: number, input: cells[2], arguments: arguments, status: status, message: message))
        }
        return rows
    }

    /// The text of a cell that is one code span, `` `…` ``.
    private static func code(_ cell: String) -> String? {
        guard cell.count >= 2, cell.hasPrefix("`"), cell.hasSuffix("`") else { return nil }
        return String(cell.dropFirst().dropLast())
    }
}

@Suite("The bad-input table of TESTING.md is what the user gets")
struct BadInputTableTests {
    /// A folder holding a copy of `Tests/Fixtures/bad-input`, so that no row can change the
    /// committed files, and a cache folder.
    static let workspace: URL = {
        let folder = try! CommandRunner.temporaryDirectory()
        let fixtures = folder.appendingPathComponent("Tests/Fixtures")
        try! FileManager.default.createDirectory(at: fixtures, withIntermediateDirectories: true)
        try! FileManager.default.copyItem(at: Fixtures.url("bad-input"), to: fixtures.appendingPathComponent("bad-input"))
        return folder
    }()

    @Test("the table parses, numbered 1 … N without gaps or repeats, no command twice, and never shrinks")
    func tableIsComplete() throws {
        let rows = try BadInputRow.all()
        #expect(rows.map(\.number) == Array(1...max(1, rows.count)), "rows are numbered \(rows.map(\.number))")
        #expect(rows.count == BadInputRow.expectedCount, "the table has \(rows.count) rows, expected \(BadInputRow.expectedCount)")
        let commands = rows.map { $0.arguments.joined(separator: " ") }
        let repeated = Dictionary(grouping: commands, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        #expect(repeated.isEmpty, "commands listed twice: \(repeated)")
        #expect(Set(rows.map(\.status)) == [0, 1, 3, 64, 65, 73])
    }

    @Test("each bad input gives the documented status and message", arguments: try BadInputRow.all())
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
