import D2LOptimizers
import D2LTestSupport
import Foundation
import Testing

/// `Tests/Fixtures/matrix.json`, written by `Tests/Fixtures/make_matrix.py`.
struct FixtureMatrix: Decodable {
    struct Cell: Decodable {
        var files: [String]?
        var unsupported: String?
    }
    var options: [String]
    var dtypes: [String]
    var presets: [String: [String: Cell]]
}

@Suite("The preset × option × scalar-type matrix")
struct FixtureMatrixTests {
    static let matrix = try! Fixtures.decode(FixtureMatrix.self, from: "matrix.json")

    @Test("every framework preset has a row for every option in both scalar types", arguments: Preset.allCases.filter { $0 != .book })
    func complete(preset: Preset) throws {
        let rows = try #require(Self.matrix.presets[preset.rawValue], "no matrix rows for \(preset)")
        for option in Self.matrix.options {
            for dtype in ["float32", "float64"] {
                let cell = try #require(rows["\(option)/\(dtype)"], "\(preset) \(option) \(dtype) is missing")
                #expect((cell.files?.isEmpty == false) != (cell.unsupported != nil), "\(preset) \(option) \(dtype)")
            }
        }
    }

    @Test("every fixture the matrix names exists and is replayed by the trajectory tests")
    func filesExist() {
        for (preset, rows) in Self.matrix.presets {
            for (cell, entry) in rows {
                for file in entry.files ?? [] {
                    #expect(FileManager.default.fileExists(atPath: Fixtures.url(file).path), "\(preset) \(cell): \(file)")
                    #expect(trajectoryFiles.contains(file), "\(file) is not replayed")
                }
            }
        }
    }
}
