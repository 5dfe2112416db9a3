/// An error reading, checking or preparing a data set.
///
/// Every case names the file (or, for a table not read from a file, "the table") and, where it
/// applies, the 1-based line and column. Its ``description`` is one line that says what is wrong
/// and what would be valid, ready to print for a user:
///
/// ```
/// data.dat, line 3, column 2: "abc" is not a number; expected a decimal number such as 0.3048 or -1.5e-3
/// ```
public enum DatasetError: Error, CustomStringConvertible, Equatable {
    /// There is no file at the path.
    case fileNotFound(file: String)

    /// The path exists but cannot be read as a file (a directory, no permission, an I/O error).
    case unreadable(file: String, reason: String)

    /// The file holds no data rows: it is empty or has only blank lines.
    case emptyFile(file: String)

    /// A row, or a whole table, has the wrong number of columns.
    ///
    /// `line` is the 1-based line of the offending row, or `nil` when a table as a whole has the
    /// wrong shape. `found` is 0 for a blank line before the last data row.
    case wrongColumnCount(file: String?, line: Int?, expected: Int, found: Int)

    /// A field is not a decimal number. `text` is the field as written.
    case nonNumericField(file: String, line: Int, column: Int, text: String)

    /// A field spells NaN or an infinity, or a number too large for `Double`.
    case nonFiniteValue(file: String, line: Int, column: Int, text: String)

    /// Every row holds the same `value` in the 1-based `column`, so its standard deviation is 0
    /// and standardization would divide by zero.
    case constantColumn(file: String?, column: Int, value: Double)

    /// The mean or standard deviation of the 1-based `column` is not representable in `Double`:
    /// the values or their squared deviations overflow, or the squared deviations underflow to 0.
    case unrepresentableStatistics(file: String?, column: Int)

    /// The table has `found` data rows, fewer than the `needed` rows that `purpose`
    /// (such as "the section's split") needs.
    case tooFewRows(file: String?, found: Int, needed: Int, purpose: String)

    /// A text that should be a SHA-1 digest is not 40 hexadecimal digits.
    case invalidDigest(text: String)

    /// A user's file does not have the SHA-1 digest it was expected to have.
    case digestMismatch(file: String, expected: SHA1Digest, actual: SHA1Digest)

    /// The data file shipped with the package does not have its known SHA-1 digest.
    case damagedInstall(file: String, expected: SHA1Digest, actual: SHA1Digest)

    /// The data file shipped with the package is missing from its resource bundle.
    case missingBundledResource(name: String)

    /// A one-line message naming the file, the place and what would be valid.
    public var description: String {
        switch self {
        case .fileNotFound(let file):
            return "\(file): no such file; expected the path of an existing data file"
        case .unreadable(let file, let reason):
            return "\(file): cannot be read (\(Self.oneLine(reason))); expected a readable regular file"
        case .emptyFile(let file):
            return "\(file) is empty; expected at least one row of numbers, one row per line"
        case .wrongColumnCount(let file, let line?, let expected, 0):
            return "\(Self.subject(file)), line \(line): the line is blank; expected \(expected) fields "
                + "(blank lines are allowed only after the last row)"
        case .wrongColumnCount(let file, let line?, let expected, let found):
            return "\(Self.subject(file)), line \(line): found \(Self.count(found, "field")), "
                + "expected \(expected) (every row needs the same number of fields)"
        case .wrongColumnCount(let file, nil, let expected, let found):
            return "\(Self.subject(file)) has \(Self.count(found, "column")); expected \(expected)"
        case .nonNumericField(let file, let line, let column, let text):
            return "\(file), line \(line), column \(column): \(Self.quoted(text)) is not a number; "
                + "expected a decimal number such as 0.3048 or -1.5e-3"
        case .nonFiniteValue(let file, let line, let column, let text):
            return "\(file), line \(line), column \(column): \(Self.quoted(text)) is not finite; "
                + "expected a finite decimal number (no NaN or infinity, magnitude below 1.8e308)"
        case .constantColumn(let file, let column, let value):
            return "\(Self.subject(file)), column \(column): every row holds \(value), so its standard "
                + "deviation is 0 and standardization would divide by zero; expected at least two "
                + "distinct values in every column"
        case .unrepresentableStatistics(let file, let column):
            return "\(Self.subject(file)), column \(column): its mean or standard deviation is not "
                + "representable in Double (squares overflow or underflow); expected values that differ "
                + "by between about 1e-150 and 1e150"
        case .tooFewRows(let file, let found, let needed, let purpose):
            return "\(purpose) needs at least \(Self.count(needed, "data row")); "
                + "\(Self.subject(file)) has \(found)"
        case .invalidDigest(let text):
            return "invalid SHA-1 digest \(Self.quoted(text)): expected 40 hexadecimal digits (0-9, a-f)"
        case .digestMismatch(let file, let expected, let actual):
            return "\(file): SHA-1 is \(actual), expected \(expected); the file is not the expected "
                + "data (fetch it again, or give its correct digest)"
        case .damagedInstall(let file, let expected, let actual):
            return "\(file): SHA-1 of the bundled data is \(actual), expected \(expected); "
                + "the install is damaged: reinstall swift-d2l"
        case .missingBundledResource(let name):
            return "\(name) is missing from the D2LDatasets resource bundle; "
                + "the install is damaged: reinstall swift-d2l"
        }
    }

    private static func subject(_ file: String?) -> String {
        file ?? "the table"
    }

    private static func count(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    /// The text in quotes with control characters escaped, shortened to at most 40 characters,
    /// so that the message stays on one line.
    private static func quoted(_ text: String) -> String {
        let limit = 40
        let shown = String(text.prefix(limit)).debugDescription
        return text.count > limit ? shown + "…" : shown
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
