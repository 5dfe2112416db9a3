import Foundation

/// The airfoil self-noise data set that the RMSProp section of *Dive into Deep Learning* trains on.
///
/// 1,503 NASA wind-tunnel measurements of five inputs — frequency (Hz), angle of attack (degrees),
/// chord length (m), free-stream velocity (m/s), suction-side displacement thickness (m) — and
/// the scaled sound pressure level (dB), tab-separated with CRLF line ends.
///
/// The file ships with this module, unmodified, and is SHA-1-checked whenever it is read.
///
/// ```swift
/// let (features, labels) = try Airfoil.sectionSplit(from: .bundled)
/// features.rowCount      // 1500
/// features.columnCount   // 5
/// ```
///
/// ## Credit
///
/// Airfoil Self-Noise, by Thomas Brooks, D. Pope and Michael Marcolini (NASA), from the UCI
/// Machine Learning Repository (<https://doi.org/10.24432/C5VW2C>), licensed under Creative
/// Commons Attribution 4.0 International (CC BY 4.0,
/// <https://creativecommons.org/licenses/by/4.0/>). See ``credit``.
public enum Airfoil {
    /// The SHA-1 digest of the data file, as d2l publishes it.
    public static let sha1 = "76e5be1548fd8222e5074cf0faae75edff8cf93f"

    /// ``sha1`` as a validated digest.
    public static let digest = try! SHA1Digest(hexadecimal: sha1)

    /// The name of the data file, bundled and in a data directory.
    public static let fileName = "airfoil_self_noise.dat"

    /// The number of columns in the file: five inputs and the label.
    public static let columnCount = 6

    /// The number of rows the section keeps, after standardizing over all rows.
    public static let sectionRowCount = 1500

    /// The environment variable naming a directory that holds ``fileName``: when set,
    /// ``DataSource/init(environment:)`` reads the file there instead of the bundled copy.
    public static let dataDirectoryVariable = "D2L_DATA_DIR"

    /// The data set's attribution, one line, for output that shows results computed from it.
    public static let credit = "Airfoil Self-Noise data: T. Brooks, D. Pope, M. Marcolini (NASA), "
        + "UCI Machine Learning Repository, https://doi.org/10.24432/C5VW2C, CC BY 4.0"

    /// The URL of the data file bundled with this module.
    ///
    /// - Throws: ``DatasetError/missingBundledResource(name:)`` when the bundle lacks the file.
    public static var bundledURL: URL {
        get throws(DatasetError) {
            guard let url = Bundle.module.url(forResource: fileName, withExtension: nil) else {
                throw .missingBundledResource(name: fileName)
            }
            return url
        }
    }

    /// Reads the data file and checks its shape: six numeric columns in every row.
    ///
    /// The bundled file's SHA-1 is always checked; a user's file's only when its source gives one.
    /// The bytes are read once, then hashed and parsed.
    ///
    /// - Parameter source: Where the file is; the bundled copy by default.
    /// - Returns: The whole table, 1503 × 6 for the published file.
    /// - Throws: ``DatasetError``: ``DatasetError/damagedInstall(file:expected:actual:)`` or
    ///   ``DatasetError/missingBundledResource(name:)`` for a bad bundled copy,
    ///   ``DatasetError/digestMismatch(file:expected:actual:)`` for a user's file with another
    ///   digest, and the file and format errors of ``DelimitedTextParser``.
    public static func load(from source: DataSource = .bundled) throws(DatasetError) -> DataTable {
        let url = try source.url
        let path = url.path(percentEncoded: false)
        let data = try FileContents.read(url)
        switch source {
        case .bundled:
            let actual = SHA1Digest(hashing: data)
            guard actual == digest else {
                throw .damagedInstall(file: path, expected: digest, actual: actual)
            }
        case .file(_, let expected?):
            let actual = SHA1Digest(hashing: data)
            guard actual == expected else {
                throw .digestMismatch(file: path, expected: expected, actual: actual)
            }
        case .file(_, nil):
            break
        }
        return try DelimitedTextParser(expectedColumnCount: columnCount).parse(data, source: path)
    }

    /// The section's features and labels, as d2l's `get_data_ch7` makes them.
    ///
    /// 1. Standardize every column over all rows (see ``Standardization``).
    /// 2. Keep the first ``sectionRowCount`` (1500) rows.
    /// 3. Features are columns 0–4; labels are column 5.
    ///
    /// In numpy:
    ///
    /// ```python
    /// data = (data - data.mean(axis=0)) / data.std(axis=0)
    /// features, labels = data[:1500, :-1], data[:1500, -1]
    /// ```
    ///
    /// To turn a standardized prediction back into decibels, fit a ``Standardization`` to the
    /// same table and call ``Standardization/destandardize(_:column:)`` with column 5.
    ///
    /// - Parameters:
    ///   - table: The whole data set: six columns, at least 1500 rows.
    ///   - source: The name errors give for the table, such as its file path; `nil` (the default)
    ///     says "the table".
    /// - Returns: A 1500 × 5 feature table and 1500 labels.
    /// - Throws: ``DatasetError/wrongColumnCount(file:line:expected:found:)`` for a table
    ///   without six columns, ``DatasetError/tooFewRows(file:found:needed:purpose:)`` for fewer
    ///   than 1500 rows, and the errors of ``Standardization/init(fitting:source:)``.
    public static func sectionSplit(
        _ table: DataTable, source: String? = nil
    ) throws(DatasetError) -> (features: DataTable, labels: [Double]) {
        guard table.columnCount == columnCount else {
            throw .wrongColumnCount(
                file: source, line: nil, expected: columnCount, found: table.columnCount
            )
        }
        guard table.rowCount >= sectionRowCount else {
            throw .tooFewRows(
                file: source,
                found: table.rowCount,
                needed: sectionRowCount,
                purpose: "the section's split"
            )
        }
        let standardized = try Standardization(fitting: table, source: source).standardize(table)
        let kept = standardized.rows(0..<sectionRowCount)
        return (kept.columns(0..<(columnCount - 1)), kept.column(columnCount - 1))
    }

    /// Loads the data file and makes the section's features and labels, naming the file in
    /// errors.
    ///
    /// - Parameter source: Where the file is; the bundled copy by default.
    /// - Returns: A 1500 × 5 feature table and 1500 labels; see ``sectionSplit(_:source:)``.
    /// - Throws: The errors of ``load(from:)`` and ``sectionSplit(_:source:)``.
    public static func sectionSplit(
        from source: DataSource = .bundled
    ) throws(DatasetError) -> (features: DataTable, labels: [Double]) {
        let table = try load(from: source)
        return try sectionSplit(table, source: try source.url.path(percentEncoded: false))
    }
}
