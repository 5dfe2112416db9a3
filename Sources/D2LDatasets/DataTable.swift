/// A matrix of `Double` values stored row by row.
///
/// A table is what ``DelimitedTextParser`` reads from a file and what ``Standardization`` and
/// ``Airfoil/sectionSplit(_:source:)`` work on. Rows and columns are indexed from 0.
///
/// ```swift
/// let table = DataTable(rows: [[1, 2, 3], [4, 5, 6]])
/// table[row: 1, column: 2]   // 6
/// table.column(0)            // [1, 4]
/// table.columns(0..<2)       // [[1, 2], [4, 5]]
/// ```
public struct DataTable: Sendable, Equatable {
    /// The number of rows.
    public let rowCount: Int

    /// The number of columns.
    public let columnCount: Int

    /// The values in row-major order: the value at `(row, column)` is at
    /// `row * columnCount + column`.
    public let values: [Double]

    /// Creates a table from row-major values.
    ///
    /// - Parameters:
    ///   - rowCount: The number of rows, at least 0.
    ///   - columnCount: The number of columns, at least 0.
    ///   - values: `rowCount * columnCount` values, row after row.
    /// - Precondition: `values.count == rowCount * columnCount`.
    public init(rowCount: Int, columnCount: Int, values: [Double]) {
        precondition(rowCount >= 0 && columnCount >= 0, "row and column counts must be at least 0")
        precondition(
            values.count == rowCount * columnCount,
            "a \(rowCount)×\(columnCount) table needs \(rowCount * columnCount) values, got \(values.count)"
        )
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.values = values
    }

    /// Creates a table from an array of rows of equal length.
    ///
    /// An empty array gives a table with no rows and no columns.
    ///
    /// - Parameter rows: The rows, each with the same number of values.
    /// - Precondition: Every row has as many values as the first.
    public init(rows: [[Double]]) {
        let columnCount = rows.first?.count ?? 0
        precondition(
            rows.allSatisfy { $0.count == columnCount },
            "every row must have \(columnCount) values, as the first does"
        )
        self.init(rowCount: rows.count, columnCount: columnCount, values: rows.flatMap { $0 })
    }

    /// The value at a row and a column.
    ///
    /// - Precondition: `0 ..< rowCount` contains `row` and `0 ..< columnCount` contains `column`.
    public subscript(row row: Int, column column: Int) -> Double {
        precondition((0..<rowCount).contains(row), "row \(row) is outside 0..<\(rowCount)")
        precondition((0..<columnCount).contains(column), "column \(column) is outside 0..<\(columnCount)")
        return values[row * columnCount + column]
    }

    /// The values of one column, from the first row to the last.
    ///
    /// - Parameter index: A column index in `0 ..< columnCount`.
    /// - Complexity: O(`rowCount`).
    public func column(_ index: Int) -> [Double] {
        precondition((0..<columnCount).contains(index), "column \(index) is outside 0..<\(columnCount)")
        return (0..<rowCount).map { values[$0 * columnCount + index] }
    }

    /// A table of the given rows, with every column.
    ///
    /// - Parameter range: Rows to keep, within `0 ..< rowCount` (`0..<1500` keeps the first 1500).
    /// - Complexity: O(`range.count * columnCount`).
    public func rows(_ range: Range<Int>) -> DataTable {
        precondition(
            range.lowerBound >= 0 && range.upperBound <= rowCount,
            "rows \(range) are outside 0..<\(rowCount)"
        )
        let slice = values[(range.lowerBound * columnCount)..<(range.upperBound * columnCount)]
        return DataTable(rowCount: range.count, columnCount: columnCount, values: Array(slice))
    }

    /// A table of the given columns, with every row.
    ///
    /// - Parameter range: Columns to keep, within `0 ..< columnCount` (`0..<5` keeps the first five).
    /// - Complexity: O(`rowCount * range.count`).
    public func columns(_ range: Range<Int>) -> DataTable {
        precondition(
            range.lowerBound >= 0 && range.upperBound <= columnCount,
            "columns \(range) are outside 0..<\(columnCount)"
        )
        var kept: [Double] = []
        kept.reserveCapacity(rowCount * range.count)
        for row in 0..<rowCount {
            let start = row * columnCount
            kept.append(contentsOf: values[(start + range.lowerBound)..<(start + range.upperBound)])
        }
        return DataTable(rowCount: rowCount, columnCount: range.count, values: kept)
    }
}
