import D2LDatasets
import D2LTestSupport
import Foundation
import Testing

@Suite("DelimitedTextParser")
struct DelimitedTextParserTests {
    let directory: TemporaryDirectory
    let parser = DelimitedTextParser()

    init() throws {
        directory = try TemporaryDirectory()
    }

    /// Writes `text` to a file in the temporary directory; returns its URL and its path as errors
    /// name it.
    private func file(_ text: String, named name: String = "table.dat") throws -> (url: URL, path: String) {
        let url = try directory.write(text, to: name)
        return (url, url.path(percentEncoded: false))
    }

    @Test("tab-separated rows with CRLF line ends read as a row-major table")
    func readsCRLF() throws {
        let (url, _) = try file("800\t0\t0.3048\r\n1000\t-1.5e-3\t.5\r\n")
        #expect(try parser.parse(contentsOf: url) == DataTable(rows: [[800, 0, 0.3048], [1000, -1.5e-3, 0.5]]))
    }

    @Test("LF, CRLF, mixed line ends and a missing final line end read the same values")
    func lineEnds() throws {
        let expected = DataTable(rows: [[1, 2], [3, 4]])
        for text in ["1\t2\n3\t4\n", "1\t2\r\n3\t4\r\n", "1\t2\r\n3\t4\n", "1\t2\n3\t4", "1\t2\r\n3\t4"] {
            #expect(try parser.parse(Data(text.utf8), source: "t") == expected, "\(text.debugDescription)")
        }
    }

    @Test("blank lines after the last row are accepted")
    func trailingBlankLines() throws {
        let (url, _) = try file("1\t2\r\n3\t4\r\n\r\n\n\r\n\n")
        #expect(try parser.parse(contentsOf: url) == DataTable(rows: [[1, 2], [3, 4]]))
    }

    @Test(
        "decimal numbers in every accepted spelling are read",
        arguments: [
            ("12", 12.0), ("-12", -12), ("+12", 12), ("0.3048", 0.3048), (".5", 0.5), ("5.", 5),
            ("-1.5e-3", -1.5e-3), ("2E+4", 2e4), ("1e-400", 0), ("007", 7),
        ]
    )
    func numberSpellings(text: String, value: Double) throws {
        let table = try parser.parse(Data("\(text)\t1\n".utf8), source: "t")
        #expect(table[row: 0, column: 0] == value)
    }

    @Test("another separator can be configured")
    func commaSeparator() throws {
        let commas = DelimitedTextParser(separator: ",")
        #expect(try commas.parse(Data("1,2\r\n3,4\r\n".utf8), source: "t") == DataTable(rows: [[1, 2], [3, 4]]))
        #expect(throws: DatasetError.nonNumericField(file: "t", line: 1, column: 1, text: "1\t2")) {
            try commas.parse(Data("1\t2\n".utf8), source: "t")
        }
    }

    @Test("an empty file is refused as empty")
    func emptyFile() throws {
        let (url, path) = try file("")
        #expect(throws: DatasetError.emptyFile(file: path)) { try parser.parse(contentsOf: url) }
    }

    @Test("a file of blank lines only is refused as empty")
    func blankLinesOnly() throws {
        let (url, path) = try file("\r\n\n\r\n")
        #expect(throws: DatasetError.emptyFile(file: path)) { try parser.parse(contentsOf: url) }
    }

    @Test("a truncated last row is refused, naming its line and the expected field count")
    func truncatedRow() throws {
        let (url, path) = try file("1\t2\t3\r\n4\t5\t6\r\n7\t8")
        #expect(throws: DatasetError.wrongColumnCount(file: path, line: 3, expected: 3, found: 2)) {
            try parser.parse(contentsOf: url)
        }
    }

    @Test("a row with an extra field is refused, naming its line")
    func extraField() throws {
        let (url, path) = try file("1\t2\n3\t4\t5\n")
        #expect(throws: DatasetError.wrongColumnCount(file: path, line: 2, expected: 2, found: 3)) {
            try parser.parse(contentsOf: url)
        }
    }

    @Test("with an expected column count, even the first row must have it")
    func expectedColumnCount() throws {
        let (url, path) = try file("1\t2\t3\t4\t5\n")
        #expect(throws: DatasetError.wrongColumnCount(file: path, line: 1, expected: 6, found: 5)) {
            try DelimitedTextParser(expectedColumnCount: 6).parse(contentsOf: url)
        }
    }

    @Test("a blank line before the last row is refused as a line of zero fields")
    func blankLineInside() throws {
        let (url, path) = try file("1\t2\r\n\r\n3\t4\r\n")
        #expect(throws: DatasetError.wrongColumnCount(file: path, line: 2, expected: 2, found: 0)) {
            try parser.parse(contentsOf: url)
        }
    }

    @Test("a field that is not a number is refused, naming line, column and the text")
    func nonNumericField() throws {
        let (url, path) = try file("1\t2\t3\r\n4\tabc\t6\r\n")
        #expect(throws: DatasetError.nonNumericField(file: path, line: 2, column: 2, text: "abc")) {
            try parser.parse(contentsOf: url)
        }
    }

    @Test(
        "spellings other than plain decimals are not numbers",
        arguments: ["", " 1", "1 ", "1,5", "0x1p3", "1e", "e5", ".", "-", "1.2.3", "1e5.0", "١"]
    )
    func rejectedSpellings(text: String) {
        #expect(throws: DatasetError.nonNumericField(file: "t", line: 1, column: 2, text: text)) {
            try parser.parse(Data("1\t\(text)\n".utf8), source: "t")
        }
    }

    @Test("a NUL byte inside a field makes it not a number")
    func embeddedNUL() {
        #expect(throws: DatasetError.nonNumericField(file: "t", line: 1, column: 1, text: "1.5\0")) {
            try parser.parse(Data([0x31, 0x2e, 0x35, 0x00, 0x09, 0x32]), source: "t")
        }
    }

    @Test("a carriage return inside a line is part of the field, not a line end")
    func strayCarriageReturn() {
        #expect(throws: DatasetError.nonNumericField(file: "t", line: 1, column: 2, text: "2\r")) {
            try parser.parse(Data("1\t2\r\r\n".utf8), source: "t")
        }
    }

    @Test("nan is refused as a non-finite value")
    func notANumber() throws {
        let (url, path) = try file("1\t2\n3\tnan\n")
        #expect(throws: DatasetError.nonFiniteValue(file: path, line: 2, column: 2, text: "nan")) {
            try parser.parse(contentsOf: url)
        }
    }

    @Test(
        "infinities and numbers beyond Double's range are refused as non-finite",
        arguments: ["inf", "-inf", "+Infinity", "NaN", "-nan", "1e999", "-1e309"]
    )
    func infinities(text: String) throws {
        let (url, path) = try file("\(text)\t2\n")
        #expect(throws: DatasetError.nonFiniteValue(file: path, line: 1, column: 1, text: text)) {
            try parser.parse(contentsOf: url)
        }
    }

    @Test("a missing file is reported as not found")
    func missingFile() {
        let url = directory.url.appending(path: "missing.dat")
        #expect(throws: DatasetError.fileNotFound(file: url.path(percentEncoded: false))) {
            try parser.parse(contentsOf: url)
        }
    }

    @Test("a directory is reported as unreadable")
    func directoryIsUnreadable() {
        let path = directory.url.path(percentEncoded: false)
        #expect(throws: DatasetError.unreadable(file: path, reason: "it is a directory")) {
            try parser.parse(contentsOf: directory.url)
        }
    }
}
