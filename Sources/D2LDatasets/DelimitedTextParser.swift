import Foundation

/// Reads a table of numbers from delimited text, such as the tab-separated airfoil file.
///
/// The format, checked strictly so that a damaged or wrong file is refused rather than misread:
/// - One row per line. Lines end in LF or CRLF (both may appear in one file); the last line may
///   lack a line end. Blank lines are allowed only after the last row.
/// - Fields are separated by exactly one ``separator`` each (tab by default); there is no quoting
///   and no trimming of spaces, and there is no header row.
/// - Every row has the same number of fields: ``expectedColumnCount`` if given, else as many as
///   the first row.
/// - Every field is a finite decimal number: an optional sign, digits with an optional decimal
///   point (`12`, `0.3048`, `.5`, `5.`), and an optional exponent (`1.5e-3`, `2E+4`). `nan`,
///   `inf`, `infinity` and numbers beyond `Double`'s range are refused as non-finite; anything
///   else (including hexadecimal floats) as not a number.
///
/// ```swift
/// let parser = DelimitedTextParser(expectedColumnCount: 6)
/// let table = try parser.parse(contentsOf: URL(filePath: "airfoil_self_noise.dat"))
/// ```
///
/// Errors name the file and the 1-based line and column; see ``DatasetError``.
public struct DelimitedTextParser: Sendable {
    /// The character between fields: an ASCII character other than LF and CR.
    public let separator: Unicode.Scalar

    /// The number of fields every row must have, or `nil` to take it from the first row.
    public let expectedColumnCount: Int?

    /// Creates a parser.
    ///
    /// - Parameters:
    ///   - separator: The character between fields, tab by default. It must be ASCII and not a
    ///     line end (LF or CR).
    ///   - expectedColumnCount: The number of fields every row must have (at least 1), or `nil`
    ///     (the default) to accept the first row's count for every row.
    public init(separator: Unicode.Scalar = "\t", expectedColumnCount: Int? = nil) {
        precondition(
            separator.isASCII && separator != "\n" && separator != "\r",
            "the separator must be an ASCII character other than LF and CR"
        )
        precondition(expectedColumnCount.map { $0 >= 1 } ?? true, "a row needs at least one column")
        self.separator = separator
        self.expectedColumnCount = expectedColumnCount
    }

    /// Reads and parses the file at `url`.
    ///
    /// - Parameter url: A file URL; errors name its path.
    /// - Returns: The table, one row per data line.
    /// - Throws: ``DatasetError`` when the file is missing or unreadable, or its contents do not
    ///   follow the format described on ``DelimitedTextParser``.
    public func parse(contentsOf url: URL) throws(DatasetError) -> DataTable {
        try parse(FileContents.read(url), source: url.path(percentEncoded: false))
    }

    /// Parses delimited text held in memory.
    ///
    /// - Parameters:
    ///   - data: The text as bytes, UTF-8 or ASCII.
    ///   - source: The name that errors give for the text, such as its file path.
    /// - Returns: The table, one row per data line.
    /// - Throws: ``DatasetError/emptyFile(file:)``,
    ///   ``DatasetError/wrongColumnCount(file:line:expected:found:)``,
    ///   ``DatasetError/nonNumericField(file:line:column:text:)`` or
    ///   ``DatasetError/nonFiniteValue(file:line:column:text:)``, the first one met.
    /// - Complexity: O(`data.count`).
    public func parse(_ data: Data, source: String) throws(DatasetError) -> DataTable {
        let separatorByte = UInt8(ascii: separator)
        let lineFeed = UInt8(ascii: "\n")
        let carriageReturn = UInt8(ascii: "\r")
        let lines = Array(data).split(separator: lineFeed, omittingEmptySubsequences: false)
        var columnCount = expectedColumnCount
        var rowCount = 0
        var values: [Double] = []
        var firstBlankLine: Int?
        for (index, rawLine) in lines.enumerated() {
            let lineNumber = index + 1
            let line = rawLine.last == carriageReturn ? rawLine.dropLast() : rawLine
            if line.isEmpty {
                firstBlankLine = firstBlankLine ?? lineNumber
                continue
            }
            let fieldCount = line.count(where: { $0 == separatorByte }) + 1
            let expected = columnCount ?? fieldCount
            columnCount = expected
            if let blankLine = firstBlankLine {
                throw .wrongColumnCount(file: source, line: blankLine, expected: expected, found: 0)
            }
            guard fieldCount == expected else {
                throw .wrongColumnCount(
                    file: source, line: lineNumber, expected: expected, found: fieldCount
                )
            }
            // The fields are walked in place rather than split into an array per line.
            var fieldStart = line.startIndex
            for column in 1...fieldCount {
                let fieldEnd = line[fieldStart...].firstIndex(of: separatorByte) ?? line.endIndex
                values.append(
                    try Self.number(in: line[fieldStart..<fieldEnd], file: source, line: lineNumber, column: column)
                )
                fieldStart = fieldEnd < line.endIndex ? fieldEnd + 1 : fieldEnd
            }
            rowCount += 1
        }
        guard let columnCount, rowCount > 0 else {
            throw .emptyFile(file: source)
        }
        return DataTable(rowCount: rowCount, columnCount: columnCount, values: values)
    }

    /// The finite number a field spells, or the error that names why it is not one.
    private static func number(
        in field: ArraySlice<UInt8>, file: String, line: Int, column: Int
    ) throws(DatasetError) -> Double {
        if let value = ShortDecimal.value(of: field) {
            return value
        }
        let text = String(decoding: field, as: UTF8.self)
        guard isDecimalNumber(field) else {
            if isNonFiniteSpelling(text) {
                throw .nonFiniteValue(file: file, line: line, column: column, text: text)
            }
            throw .nonNumericField(file: file, line: line, column: column, text: text)
        }
        guard let value = Double(text) else {
            throw .nonNumericField(file: file, line: line, column: column, text: text)
        }
        guard value.isFinite else {
            throw .nonFiniteValue(file: file, line: line, column: column, text: text)
        }
        return value
    }

    /// Whether the bytes match `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`.
    ///
    /// Bytes are compared with the ASCII codes directly: this runs once per field of every file
    /// read, and the airfoil file alone has 9,018 fields.
    private static func isDecimalNumber(_ field: ArraySlice<UInt8>) -> Bool {
        var position = field.startIndex
        /// Moves past the next byte if `accepted` holds for it; says whether it did.
        func skip(_ accepted: (UInt8) -> Bool) -> Bool {
            guard position < field.endIndex, accepted(field[position]) else {
                return false
            }
            position += 1
            return true
        }
        /// Moves past a run of decimal digits; returns how many there were.
        func skipDigits() -> Int {
            var count = 0
            while skip({ UInt8(ascii: "0") <= $0 && $0 <= UInt8(ascii: "9") }) {
                count += 1
            }
            return count
        }
        let isSign = { (byte: UInt8) in byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") }
        _ = skip(isSign)
        var mantissaDigits = skipDigits()
        if skip({ $0 == UInt8(ascii: ".") }) {
            mantissaDigits += skipDigits()
        }
        guard mantissaDigits > 0 else { return false }
        if skip({ $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            _ = skip(isSign)
            guard skipDigits() > 0 else { return false }
        }
        return position == field.endIndex
    }

    /// Whether the text spells NaN or an infinity, as numpy and Python accept them
    /// (`nan`, `-inf`, `Infinity`, …).
    private static func isNonFiniteSpelling(_ text: String) -> Bool {
        var word = text.lowercased()
        if word.hasPrefix("+") || word.hasPrefix("-") {
            word.removeFirst()
        }
        return word == "nan" || word == "inf" || word == "infinity"
    }
}
