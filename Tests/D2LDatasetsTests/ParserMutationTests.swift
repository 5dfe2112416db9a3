import D2LDatasets
import Foundation
import Testing

/// Property: whatever bytes it is given, parsing either succeeds with a well-formed table of
/// finite values or throws a `DatasetError` — it never traps.
@Suite("DelimitedTextParser under random mutations")
struct ParserMutationTests {
    /// A small valid file: the airfoil file's first rows, CRLF.
    static let valid = Data(
        ("800\t0\t0.3048\t71.3\t0.00266337\t126.201\r\n"
            + "1000\t0\t0.3048\t71.3\t0.00266337\t125.201\r\n"
            + "1250\t0\t0.3048\t71.3\t0.00266337\t125.951\r\n"
            + "1600\t1.5\t0.1016\t39.6\t0.00528487\t-1.5e-3\r\n").utf8
    )

    /// Bytes worth inserting: separators, line ends and pieces of numbers.
    static let interesting: [UInt8] = Array("\t\r\n.-+eE0123456789 nai,".utf8) + [0x00, 0xff, 0xc3]

    /// One random mutation of `bytes`: byte flips, a truncation, or inserted separators and line ends.
    static func mutate(_ bytes: [UInt8], using generator: inout SplitMix64) -> [UInt8] {
        var result = bytes
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            switch Int.random(in: 0..<5, using: &generator) {
            case 0 where !result.isEmpty:
                let index = Int.random(in: result.indices, using: &generator)
                result[index] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &generator)
            case 1 where !result.isEmpty:
                result[Int.random(in: result.indices, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            case 2:
                result.removeLast(Int.random(in: 0...result.count, using: &generator))
            case 3 where !result.isEmpty:
                let start = Int.random(in: result.indices, using: &generator)
                result.removeSubrange(start..<min(result.count, start + Int.random(in: 1...8, using: &generator)))
            default:
                let byte = interesting.randomElement(using: &generator)!
                result.insert(byte, at: Int.random(in: 0...result.count, using: &generator))
            }
        }
        return result
    }

    @Test("thousands of mutated files either parse into a well-formed table or throw DatasetError")
    func mutationsNeverTrap() {
        var generator = SplitMix64(seed: 0x5EED_D210)
        let parsers = [DelimitedTextParser(), DelimitedTextParser(expectedColumnCount: 6)]
        var parsed = 0
        var refused = 0
        for _ in 0..<4000 {
            let bytes = Self.mutate(Array(Self.valid), using: &generator)
            for parser in parsers {
                do {
                    let table = try parser.parse(Data(bytes), source: "mutated.dat")
                    parsed += 1
                    #expect(table.rowCount >= 1 && table.columnCount >= 1)
                    #expect(table.values.count == table.rowCount * table.columnCount)
                    #expect(table.values.allSatisfy { $0.isFinite })
                    if let standardization = try? Standardization(fitting: table) {
                        #expect(standardization.standardize(table).values.allSatisfy { $0.isFinite })
                    }
                } catch {
                    refused += 1
                    #expect(!error.description.contains("\n"))
                }
            }
        }
        // Both outcomes occur, so the mutations exercise the parser rather than always failing early.
        #expect(parsed > 100)
        #expect(refused > 100)
    }
}
