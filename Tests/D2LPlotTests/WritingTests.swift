import D2LPlot
import Foundation
import Testing

struct WritingTests {
    @Test("writing puts exactly the rendered SVG in the file")
    func writes() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "d2lplot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appending(path: "trace.svg")
        let figure = SampleFigure.bookContour.figure
        try figure.write(to: file)
        try figure.write(to: file)
        #expect(try Data(contentsOf: file) == Data(figure.svg().utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["trace.svg"])
    }

    @Test("writing into a missing folder throws a typed error naming the path")
    func missingFolder() {
        let file = URL(filePath: "/nonexistent-\(UUID().uuidString)/figure.svg")
        #expect {
            try SampleFigure.lossCurve.figure.write(to: file)
        } throws: { error in
            guard let error = error as? PlotError, case let .writeFailed(path, _) = error else { return false }
            return path == file.path && error.description.contains(file.path)
        }
    }
}
