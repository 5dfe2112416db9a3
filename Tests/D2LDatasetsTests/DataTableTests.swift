import D2LDatasets
import Testing

@Suite("DataTable")
struct DataTableTests {
    let table = DataTable(rows: [[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12]])

    @Test("rows given as arrays are stored row-major with their shape")
    func rowMajorStorage() {
        #expect(table.rowCount == 4)
        #expect(table.columnCount == 3)
        #expect(table.values == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
        #expect(table == DataTable(rowCount: 4, columnCount: 3, values: Array(1...12).map(Double.init)))
    }

    @Test("the subscript reads one value by 0-based row and column")
    func subscriptReadsOneValue() {
        #expect(table[row: 0, column: 0] == 1)
        #expect(table[row: 1, column: 2] == 6)
        #expect(table[row: 3, column: 1] == 11)
    }

    @Test("a column holds that column's value from every row, top to bottom")
    func columnReadsTopToBottom() {
        #expect(table.column(0) == [1, 4, 7, 10])
        #expect(table.column(2) == [3, 6, 9, 12])
    }

    @Test("a range of rows keeps every column")
    func rowRange() {
        #expect(table.rows(1..<3) == DataTable(rows: [[4, 5, 6], [7, 8, 9]]))
        #expect(table.rows(0..<4) == table)
        #expect(table.rows(2..<2).rowCount == 0)
        #expect(table.rows(2..<2).columnCount == 3)
    }

    @Test("a range of columns keeps every row")
    func columnRange() {
        #expect(table.columns(0..<2) == DataTable(rows: [[1, 2], [4, 5], [7, 8], [10, 11]]))
        #expect(table.columns(2..<3) == DataTable(rows: [[3], [6], [9], [12]]))
    }

    @Test("tables with the same values in another shape are not equal")
    func equalityIncludesShape() {
        let reshaped = DataTable(rowCount: 3, columnCount: 4, values: table.values)
        #expect(reshaped != table)
    }
}
