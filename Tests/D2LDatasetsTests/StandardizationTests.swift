import D2LDatasets
import Testing

@Suite("Standardization")
struct StandardizationTests {
    @Test("a column is shifted by its mean and scaled by its population standard deviation")
    func smallExample() throws {
        let table = DataTable(rows: [[1, 10], [2, 10], [3, 10], [4, 30]])
        let standardization = try Standardization(fitting: table)
        #expect(standardization.means == [2.5, 15])
        // Population variances: (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25 and (3 · 25 + 225) / 4 = 75.
        #expect(standardization.standardDeviations == [(1.25).squareRoot(), (75.0).squareRoot()])
        let standardized = standardization.standardize(table)
        #expect(standardized.column(0) == [-1.5, -0.5, 0.5, 1.5].map { $0 / (1.25).squareRoot() })
        #expect(standardized.column(1) == [-5, -5, -5, 15].map { $0 / (75.0).squareRoot() })
    }

    @Test("standardized airfoil columns have mean 0 and population standard deviation 1")
    func airfoilMoments() throws {
        let table = try Airfoil.load()
        let standardized = try Standardization(fitting: table).standardize(table)
        for index in 0..<standardized.columnCount {
            let column = standardized.column(index)
            let mean = column.reduce(0, +) / Double(column.count)
            let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(column.count)
            #expect(abs(mean) < 1e-13, "column \(index) mean \(mean)")
            #expect(abs(variance.squareRoot() - 1) < 1e-13, "column \(index) std \(variance.squareRoot())")
        }
    }

    @Test("the airfoil means and standard deviations match numpy's")
    func airfoilStatisticsMatchNumpy() throws {
        // numpy 2.4.6, float64:
        //   d = np.genfromtxt("airfoil_self_noise.dat", delimiter="\t")
        //   d.mean(axis=0), d.std(axis=0)
        let means = [
            2886.3805721889553, 6.782302062541517, 0.13654823685961226,
            50.860745176314175, 0.011139880391217556, 124.83594278110434,
        ]
        let standardDeviations = [
            3151.524202236218, 5.916159025472469, 0.09350960518948366,
            15.56760296639676, 0.013145858876819499, 6.896361277488788,
        ]
        let standardization = try Standardization(fitting: Airfoil.load())
        for index in 0..<6 {
            #expect(isClose(standardization.means[index], means[index]), "mean of column \(index)")
            #expect(
                isClose(standardization.standardDeviations[index], standardDeviations[index]),
                "standard deviation of column \(index)"
            )
        }
    }

    @Test("destandardizing gives back the original values")
    func roundTrip() throws {
        let table = try Airfoil.load()
        let standardization = try Standardization(fitting: table)
        let restored = standardization.destandardize(standardization.standardize(table))
        #expect(restored.rowCount == table.rowCount && restored.columnCount == table.columnCount)
        for (restoredValue, value) in zip(restored.values, table.values) {
            #expect(isClose(restoredValue, value, relativeTolerance: 1e-14))
        }
        let firstLabel = standardization.standardize(table)[row: 0, column: 5]
        #expect(isClose(standardization.destandardize(firstLabel, column: 5), 126.201, relativeTolerance: 1e-14))
    }

    @Test("a constant column is refused, naming the 1-based column and its value")
    func constantColumn() {
        let table = DataTable(rows: [[1, 0.1, 3], [2, 0.1, 4], [3, 0.1, 5]])
        #expect(throws: DatasetError.constantColumn(file: nil, column: 2, value: 0.1)) {
            try Standardization(fitting: table)
        }
        #expect(throws: DatasetError.constantColumn(file: "data.dat", column: 2, value: 0.1)) {
            try Standardization(fitting: table, source: "data.dat")
        }
    }

    @Test("a single row is refused: every column is constant")
    func singleRow() {
        #expect(throws: DatasetError.constantColumn(file: nil, column: 1, value: 7)) {
            try Standardization(fitting: DataTable(rows: [[7, 8]]))
        }
    }

    @Test("a table without rows is refused as too few rows")
    func noRows() {
        let empty = DataTable(rowCount: 0, columnCount: 3, values: [])
        #expect(throws: DatasetError.tooFewRows(file: nil, found: 0, needed: 1, purpose: "standardization")) {
            try Standardization(fitting: empty)
        }
    }

    @Test("a column whose squared deviations overflow or underflow Double is refused")
    func unrepresentable() {
        let huge = DataTable(rows: [[1, 1e308], [2, -1e308], [3, 1e308]])
        #expect(throws: DatasetError.unrepresentableStatistics(file: nil, column: 2)) {
            try Standardization(fitting: huge)
        }
        let tiny = DataTable(rows: [[.leastNonzeroMagnitude, 1], [0, 2], [0, 3]])
        #expect(throws: DatasetError.unrepresentableStatistics(file: nil, column: 1)) {
            try Standardization(fitting: tiny)
        }
    }
}
