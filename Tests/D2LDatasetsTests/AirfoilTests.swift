import D2LDatasets
import D2LTestSupport
import Foundation
import Testing

@Suite("Airfoil")
struct AirfoilTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    /// The bundled file's bytes: 1503 CRLF-terminated lines.
    private func bundledBytes() throws -> Data {
        try Data(contentsOf: Airfoil.bundledURL)
    }

    /// The first `count` lines of the bundled file, CRLF-terminated as in the original.
    private func firstLines(_ count: Int) throws -> String {
        let lines = String(decoding: try bundledBytes(), as: UTF8.self).split(separator: "\r\n")
        return lines.prefix(count).map { $0 + "\r\n" }.joined()
    }

    @Test("the bundled file is the published one: 59,984 bytes, CRLF, with the known SHA-1")
    func bundledFileFacts() throws {
        let data = try bundledBytes()
        #expect(data.count == 59_984)
        #expect(SHA1Digest(hashing: data) == Airfoil.digest)
        #expect(data.suffix(2) == Data("\r\n".utf8))
        #expect(Airfoil.fileName == "airfoil_self_noise.dat")
        #expect(try Airfoil.bundledURL.lastPathComponent == Airfoil.fileName)
    }

    @Test("the bundled file loads as 1503 rows of 6 columns")
    func bundledLoads() throws {
        let table = try Airfoil.load(from: .bundled)
        #expect(table.rowCount == 1503)
        #expect(table.columnCount == 6)
        #expect(table.rows(0..<1) == DataTable(rows: [[800, 0, 0.3048, 71.3, 0.00266337, 126.201]]))
        #expect(try Airfoil.load() == table)
    }

    @Test("the section split has 1500 rows of 5 features and 1500 labels")
    func splitShapes() throws {
        let (features, labels) = try Airfoil.sectionSplit(from: .bundled)
        #expect(features.rowCount == 1500)
        #expect(features.columnCount == 5)
        #expect(labels.count == 1500)
    }

    @Test("the section split's values match numpy's get_data_ch7")
    func splitMatchesNumpy() throws {
        // numpy 2.4.6, float64, as d2l's get_data_ch7 computes them:
        //   d = np.genfromtxt("airfoil_self_noise.dat", delimiter="\t")
        //   d = (d - d.mean(axis=0)) / d.std(axis=0)
        //   d[0], d[1499]    # features = d[:1500, :-1], labels = d[:1500, -1]
        let firstRow = [
            -0.662022703398098, -1.1464029336161865, 1.7992992570062716,
            1.3129352584212675, -0.6448046088616127, 0.1979387627721156,
        ]
        let lastKeptRow = [
            0.08364823205989946, 1.4904430221522478, -0.373739540326309,
            -0.723344833538015, 3.172772505745433, -2.2594440972759298,
        ]
        let (features, labels) = try Airfoil.sectionSplit(Airfoil.load())
        for (row, expected) in [(0, firstRow), (1499, lastKeptRow)] {
            for column in 0..<5 {
                #expect(isClose(features[row: row, column: column], expected[column]), "row \(row), column \(column)")
            }
            #expect(isClose(labels[row], expected[5]), "label of row \(row)")
        }
    }

    @Test("an LF-only copy reads as the same table as the CRLF original")
    func lfCopy() throws {
        let lf = String(decoding: try bundledBytes(), as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        let url = try directory.write(lf, to: Airfoil.fileName)
        #expect(try Airfoil.load(from: .file(url, expectedSHA1: nil)) == Airfoil.load(from: .bundled))
    }

    @Test("a user's file without an expected digest is read unchecked")
    func unchecked() throws {
        let url = try directory.write(try firstLines(1501), to: "copy.dat")
        #expect(try Airfoil.load(from: .file(url, expectedSHA1: nil)).rowCount == 1501)
    }

    @Test("a user's file with a wrong expected SHA-1 is a digest mismatch naming both digests")
    func wrongDigest() throws {
        let data = try bundledBytes()
        let url = try directory.write(data, to: "copy.dat")
        let wrong = try SHA1Digest(hexadecimal: String(repeating: "0", count: 40))
        let error = DatasetError.digestMismatch(file: url.path(percentEncoded: false), expected: wrong, actual: Airfoil.digest)
        #expect(throws: error) { try Airfoil.load(from: .file(url, expectedSHA1: wrong)) }
        #expect(try Airfoil.load(from: .file(url, expectedSHA1: Airfoil.digest)).rowCount == 1503)
    }

    @Test("a 1200-row file is refused by the section split, naming the file and the count")
    func tooFewRows() throws {
        let url = try directory.write(try firstLines(1200), to: "short.dat")
        let path = url.path(percentEncoded: false)
        let error = DatasetError.tooFewRows(file: path, found: 1200, needed: 1500, purpose: "the section's split")
        #expect(throws: error) { try Airfoil.sectionSplit(from: .file(url, expectedSHA1: nil)) }
        #expect(error.description == "the section's split needs at least 1500 data rows; \(path) has 1200")
    }

    @Test("a 1500-row file is enough for the section split")
    func exactlyEnoughRows() throws {
        let url = try directory.write(try firstLines(1500), to: "exact.dat")
        let (features, labels) = try Airfoil.sectionSplit(from: .file(url, expectedSHA1: nil))
        #expect(features.rowCount == 1500 && labels.count == 1500)
    }

    @Test("a table without six columns is refused by the section split")
    func splitNeedsSixColumns() throws {
        let table = try Airfoil.load().columns(0..<5)
        #expect(throws: DatasetError.wrongColumnCount(file: nil, line: nil, expected: 6, found: 5)) {
            try Airfoil.sectionSplit(table)
        }
    }

    @Test("a file with five columns is refused on load, naming line 1")
    func loadNeedsSixColumns() throws {
        let url = try directory.write("1\t2\t3\t4\t5\r\n", to: "five.dat")
        let error = DatasetError.wrongColumnCount(file: url.path(percentEncoded: false), line: 1, expected: 6, found: 5)
        #expect(throws: error) { try Airfoil.load(from: .file(url, expectedSHA1: nil)) }
    }

    @Test("a missing user's file is reported as not found")
    func missingFile() {
        let url = directory.url.appending(path: "absent.dat")
        #expect(throws: DatasetError.fileNotFound(file: url.path(percentEncoded: false))) {
            try Airfoil.load(from: .file(url, expectedSHA1: Airfoil.digest))
        }
    }

    @Test("D2L_DATA_DIR selects the file of that name in that directory, checked against the known digest")
    func environmentSelectsDirectory() throws {
        let source = Airfoil.DataSource(environment: ["D2L_DATA_DIR": directory.url.path(percentEncoded: false)])
        let expectedURL = directory.url.appending(path: Airfoil.fileName)
        #expect(source == .file(expectedURL, expectedSHA1: Airfoil.digest))

        try directory.write(try bundledBytes(), to: Airfoil.fileName)
        #expect(try Airfoil.load(from: source).rowCount == 1503)
    }

    @Test("a D2L_DATA_DIR copy that differs from the published file is a digest mismatch")
    func environmentCopyIsChecked() throws {
        let lf = String(decoding: try bundledBytes(), as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        let url = try directory.write(lf, to: Airfoil.fileName)
        let source = Airfoil.DataSource(environment: ["D2L_DATA_DIR": directory.url.path(percentEncoded: false)])
        let error = DatasetError.digestMismatch(
            file: url.path(percentEncoded: false), expected: Airfoil.digest, actual: SHA1Digest(hashing: Data(lf.utf8))
        )
        #expect(throws: error) { try Airfoil.load(from: source) }
    }

    @Test("without D2L_DATA_DIR, or with it empty, the bundled copy is used")
    func environmentDefaultsToBundled() {
        #expect(Airfoil.DataSource(environment: [:]) == .bundled)
        #expect(Airfoil.DataSource(environment: ["D2L_DATA_DIR": ""]) == .bundled)
        #expect(Airfoil.DataSource(environment: ["HOME": "/root"]) == .bundled)
    }

    @Test("the credit names the data set, its creators, its source and its license")
    func credit() {
        for part in ["Airfoil Self-Noise", "Brooks", "Pope", "Marcolini", "UCI", "CC BY 4.0"] {
            #expect(Airfoil.credit.contains(part))
        }
    }
}
