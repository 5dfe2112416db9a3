import D2LDatasets
import Testing

@Suite("DatasetError")
struct DatasetErrorTests {
    static let digestA = try! SHA1Digest(hexadecimal: String(repeating: "a", count: 40))
    static let digestB = try! SHA1Digest(hexadecimal: String(repeating: "b", count: 40))

    static let errors: [DatasetError] = [
        .fileNotFound(file: "/data/air.dat"),
        .unreadable(file: "/data/air.dat", reason: "permission denied\nsecond line"),
        .emptyFile(file: "/data/air.dat"),
        .wrongColumnCount(file: "/data/air.dat", line: 7, expected: 6, found: 5),
        .wrongColumnCount(file: "/data/air.dat", line: 7, expected: 6, found: 0),
        .wrongColumnCount(file: nil, line: nil, expected: 6, found: 1),
        .nonNumericField(file: "/data/air.dat", line: 3, column: 2, text: "abc\r\n" + String(repeating: "x", count: 100)),
        .nonFiniteValue(file: "/data/air.dat", line: 3, column: 2, text: "nan"),
        .constantColumn(file: nil, column: 3, value: 0.5),
        .constantColumn(file: "/data/air.dat", column: 3, value: 0.5),
        .unrepresentableStatistics(file: nil, column: 2),
        .tooFewRows(file: "/data/air.dat", found: 1200, needed: 1500, purpose: "the section's split"),
        .invalidDigest(text: "xyz\n"),
        .digestMismatch(file: "/data/air.dat", expected: digestA, actual: digestB),
        .damagedInstall(file: "/bundle/airfoil_self_noise.dat", expected: digestA, actual: digestB),
        .missingBundledResource(name: "airfoil_self_noise.dat"),
    ]

    @Test("every message is one line that starts lowercase or with the file name", arguments: errors)
    func oneLine(error: DatasetError) throws {
        let message = error.description
        #expect(!message.contains("\n") && !message.contains("\r"), "\(message)")
        let first = try #require(message.first)
        #expect(first.isLowercase || message.hasPrefix("/") || message.hasPrefix("airfoil"), "\(message)")
        #expect(message.contains("expected") || message.contains("needs") || message.contains("reinstall"), "\(message)")
    }

    @Test("messages name the line, the column and the offending text")
    func locations() {
        #expect(
            DatasetError.nonNumericField(file: "a.dat", line: 3, column: 2, text: "abc").description
                == #"a.dat, line 3, column 2: "abc" is not a number; expected a decimal number such as 0.3048 or -1.5e-3"#
        )
        #expect(
            DatasetError.wrongColumnCount(file: "a.dat", line: 7, expected: 6, found: 5).description
                == "a.dat, line 7: found 5 fields, expected 6 (every row needs the same number of fields)"
        )
        #expect(DatasetError.constantColumn(file: "a.dat", column: 3, value: 0.5).description.hasPrefix("a.dat, column 3: every row holds 0.5"))
    }

    @Test("a long field is shortened and its control characters escaped")
    func longField() {
        let text = "\t" + String(repeating: "9", count: 100)
        let message = DatasetError.nonNumericField(file: "a.dat", line: 1, column: 1, text: text).description
        #expect(message.contains(#""\t999"#))
        #expect(message.contains("…"))
        #expect(message.count < 200)
    }

    @Test("a digest mismatch names both digests; for the bundled file it says the install is damaged")
    func digestMessages() {
        let user = DatasetError.digestMismatch(file: "a.dat", expected: Self.digestA, actual: Self.digestB).description
        #expect(user.contains(Self.digestA.hexadecimal) && user.contains(Self.digestB.hexadecimal))
        #expect(!user.contains("damaged"))
        let bundled = DatasetError.damagedInstall(file: "a.dat", expected: Self.digestA, actual: Self.digestB).description
        #expect(bundled.contains(Self.digestA.hexadecimal) && bundled.contains(Self.digestB.hexadecimal))
        #expect(bundled.contains("the install is damaged"))
    }
}
