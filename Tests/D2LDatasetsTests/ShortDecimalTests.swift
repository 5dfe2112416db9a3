import D2LDatasets
import Foundation
import Testing

/// The parser reads short plain decimals without `strtod`; every value must still be the one
/// `Double(String)` gives, bit for bit.
@Suite("DelimitedTextParser: numbers are read exactly as Double(String) reads them")
struct ShortDecimalTests {
    /// Parses `fields`, one per line, and compares each value's bits with `Double(field)`'s.
    private func expectExact(_ fields: [String]) throws {
        let table = try DelimitedTextParser(expectedColumnCount: 1).parse(Data(fields.joined(separator: "\n").utf8), source: "t")
        for (field, value) in zip(fields, table.values) {
            #expect(value.bitPattern == Double(field)!.bitPattern, "\(field): \(value) != \(Double(field)!)")
        }
    }

    @Test("signs, zeros, points at either end, 15 and 16 digits, exponents")
    func edgeCases() throws {
        try expectExact([
            "0", "-0", "+0", "-0.0", "0.", ".0", ".5", "5.", "-.5", "+.5", "000000000000001", "999999999999999",
            "-999999999999999", "0.000000000000001", "99999999999999.9", "9007199254740993", "123456789012345.6",
            "0.1", "0.2", "0.3", "0.3048", "126.201", "0.00266337", "-1.5e-3", "2E+4", "1e22", "0.1234567890123456789",
        ])
    }

    @Test("random decimals of 1 to 17 digits with a random point and sign")
    func randomDecimals() throws {
        var generator = SplitMix64(seed: 0x5eed)
        let fields = (0..<20_000).map { _ in
            let digitCount = Int.random(in: 1...17, using: &generator)
            var digits = String((0..<digitCount).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
            let point = Int.random(in: 0...(digitCount + 2), using: &generator)
            if point <= digitCount {
                digits.insert(".", at: digits.index(digits.startIndex, offsetBy: point))
            }
            return ["", "-", "+"][Int.random(in: 0...2, using: &generator)] + digits
        }
        try expectExact(fields)
    }
}
