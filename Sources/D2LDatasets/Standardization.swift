/// Column-wise standardization: each column minus its mean, divided by its population standard
/// deviation.
///
/// For a column x₁ … xₙ (n rows):
///
/// ```
/// mean = (x₁ + … + xₙ) / n
/// std  = sqrt(((x₁ − mean)² + … + (xₙ − mean)²) / n)      // population: divides by n (ddof 0)
/// zᵢ   = (xᵢ − mean) / std
/// ```
///
/// This is numpy's `(data - data.mean(axis=0)) / data.std(axis=0)`, which d2l's `get_data_ch7`
/// applies to the airfoil data. Sums run in `Double`, row after row; numpy sums pairwise, so the
/// two can differ in the last bits (around 1e-16 relative), far below what training notices.
///
/// The means and standard deviations are kept, so standardized values can be turned back into
/// the data's units:
///
/// ```swift
/// let standardization = try Standardization(fitting: table)
/// let z = standardization.standardize(table)
/// let decibels = standardization.destandardize(prediction, column: 5)
/// ```
public struct Standardization: Sendable, Equatable {
    /// The mean of each column.
    public let means: [Double]

    /// The population standard deviation (ddof 0) of each column; each is finite and positive.
    public let standardDeviations: [Double]

    /// Computes the mean and population standard deviation of every column of a table.
    ///
    /// - Parameters:
    ///   - table: The table; it needs at least one row, and every column at least two distinct
    ///     values.
    ///   - source: The name errors give for the table, such as its file path; `nil` (the default)
    ///     says "the table".
    /// - Throws: ``DatasetError/tooFewRows(file:found:needed:purpose:)`` for a table without rows,
    ///   ``DatasetError/constantColumn(file:column:value:)`` for a column whose values are all
    ///   equal (its standard deviation is 0), ``DatasetError/unrepresentableStatistics(file:column:)``
    ///   when a column's mean or standard deviation does not fit in a `Double`.
    /// - Complexity: O(`rowCount * columnCount`).
    public init(fitting table: DataTable, source: String? = nil) throws(DatasetError) {
        guard table.rowCount > 0 else {
            throw .tooFewRows(file: source, found: 0, needed: 1, purpose: "standardization")
        }
        var means: [Double] = []
        var standardDeviations: [Double] = []
        for index in 0..<table.columnCount {
            let column = table.column(index)
            if column.allSatisfy({ $0 == column[0] }) {
                throw .constantColumn(file: source, column: index + 1, value: column[0])
            }
            let count = Double(column.count)
            let mean = column.reduce(0, +) / count
            let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / count
            let standardDeviation = variance.squareRoot()
            guard mean.isFinite, standardDeviation.isFinite, standardDeviation > 0 else {
                throw .unrepresentableStatistics(file: source, column: index + 1)
            }
            means.append(mean)
            standardDeviations.append(standardDeviation)
        }
        self.means = means
        self.standardDeviations = standardDeviations
    }

    /// The table with every value replaced by `(value − mean) / std` of its column.
    ///
    /// - Precondition: `table.columnCount == means.count`.
    public func standardize(_ table: DataTable) -> DataTable {
        transformed(table) { value, column in (value - means[column]) / standardDeviations[column] }
    }

    /// The table with every standardized value turned back into its column's units:
    /// `value * std + mean`.
    ///
    /// - Precondition: `table.columnCount == means.count`.
    public func destandardize(_ table: DataTable) -> DataTable {
        transformed(table) { value, column in destandardize(value, column: column) }
    }

    /// One standardized value turned back into the units of a column: `value * std + mean`.
    ///
    /// - Parameters:
    ///   - value: A standardized value, such as a model's prediction of the label.
    ///   - column: The 0-based column the value belongs to.
    public func destandardize(_ value: Double, column: Int) -> Double {
        value * standardDeviations[column] + means[column]
    }

    private func transformed(_ table: DataTable, _ transform: (Double, Int) -> Double) -> DataTable {
        precondition(
            table.columnCount == means.count,
            "the table has \(table.columnCount) columns; this standardization has \(means.count)"
        )
        let values = table.values.indices.map { transform(table.values[$0], $0 % table.columnCount) }
        return DataTable(rowCount: table.rowCount, columnCount: table.columnCount, values: values)
    }
}
