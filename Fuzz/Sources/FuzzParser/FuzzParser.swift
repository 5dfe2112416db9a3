import D2LDatasets
import Foundation

/// libFuzzer's entry point: parse the bytes as a data file every way the package does, and
/// check what a parse promises. A trap here (a failed precondition, an out-of-range index, an
/// overflow) is a bug; a thrown `DatasetError` is the expected answer to bad input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParser(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let data = Data(bytes: bytes, count: count)
    let parsers = [
        DelimitedTextParser(),
        DelimitedTextParser(expectedColumnCount: Airfoil.columnCount),
        DelimitedTextParser(separator: ",", expectedColumnCount: 2),
    ]
    for parser in parsers {
        let table: DataTable
        do {
            table = try parser.parse(data, source: "fuzz.dat")
        } catch {
            precondition(!error.description.contains(where: \.isNewline), "a message spans lines: \(error)")
            continue
        }
        precondition(table.rowCount >= 1 && table.columnCount >= 1)
        precondition(table.values.count == table.rowCount * table.columnCount)
        precondition(table.values.allSatisfy(\.isFinite))
        if let standardization = try? Standardization(fitting: table, source: "fuzz.dat") {
            let standardized = standardization.standardize(table)
            precondition(standardized.values.count == table.values.count)
        }
        if table.columnCount == Airfoil.columnCount, let split = try? Airfoil.sectionSplit(table, source: "fuzz.dat") {
            precondition(split.features.rowCount == Airfoil.sectionRowCount && split.labels.count == Airfoil.sectionRowCount)
        }
    }
    _ = SHA1Digest(hashing: data)
    return 0
}
