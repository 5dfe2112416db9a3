import D2LSupport
import D2LTestSupport
import Foundation
import Testing

@Suite("Atomic file writes")
struct AtomicFileTests {
    @Test("a write creates or replaces the file and leaves no temporary file behind")
    func replaces() throws {
        let folder = try TemporaryDirectory()
        let file = folder.url.appending(path: "out.txt")
        try AtomicFile.write(Data("first".utf8), to: file)
        try AtomicFile.write(Data("second, longer".utf8), to: file)
        #expect(try String(contentsOf: file, encoding: .utf8) == "second, longer")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["out.txt"])
    }

    @Test("missing folders are created only when asked")
    func folders() throws {
        let folder = try TemporaryDirectory()
        let file = folder.url.appending(path: "a/b/out.txt")
        #expect(throws: FileWriteError.self) { try AtomicFile.write(Data("x".utf8), to: file) }
        try AtomicFile.write(Data("x".utf8), to: file, createFolder: true)
        #expect(FileManager.default.fileExists(atPath: file.path))
    }

    @Test("writing over a directory is an error naming the path, and changes nothing")
    func directory() throws {
        let folder = try TemporaryDirectory()
        let error = try #require(throws: FileWriteError.self) { try AtomicFile.write(Data("x".utf8), to: folder.url) }
        #expect(error.description.contains("directory"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
    }
}
