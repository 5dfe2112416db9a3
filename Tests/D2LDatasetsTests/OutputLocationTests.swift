import D2LDatasets
import D2LSupport
import D2LTestSupport
import Foundation
import Testing

@Suite("Output locations are checked before any work")
struct OutputLocationTests {
    /// The reason ``OutputLocation/checkFolder(_:mayCreate:)`` gives, or `nil` if it accepts.
    func folderReason(_ folder: URL, mayCreate: Bool) -> String? {
        do {
            try OutputLocation.checkFolder(folder, mayCreate: mayCreate)
            return nil
        } catch {
            return error.reason
        }
    }

    /// The reason ``OutputLocation/checkFile(_:mayCreateFolder:)`` gives, or `nil` if it accepts.
    func fileReason(_ file: URL, mayCreateFolder: Bool) -> String? {
        do {
            try OutputLocation.checkFile(file, mayCreateFolder: mayCreateFolder)
            return nil
        } catch {
            return error.reason
        }
    }

    @Test("a folder is writable when it exists, or when its nearest existing ancestor is a folder")
    func folders() throws {
        let root = try TemporaryDirectory()
        let file = try root.write("not a folder\n", to: "afile")
        let base = root.url.path
        #expect(folderReason(root.url, mayCreate: false) == nil)
        #expect(folderReason(root.url.appending(path: "a/b/c"), mayCreate: true) == nil)
        #expect(folderReason(root.url.appending(path: "a"), mayCreate: false) == "it does not exist")
        #expect(folderReason(file, mayCreate: true) == "it is a file, not a folder")
        #expect(folderReason(file.appending(path: "sub/deeper"), mayCreate: true) == "\(base)/afile is a file, not a folder")
        #expect(try FileManager.default.contentsOfDirectory(atPath: base) == ["afile"], "a check creates nothing")
    }

    @Test("a file needs an existing folder (unless it will be created) and must not be a folder")
    func files() throws {
        let root = try TemporaryDirectory()
        try root.write("not a folder\n", to: "afile")
        let base = root.url.path
        #expect(fileReason(root.url.appending(path: "new.svg"), mayCreateFolder: false) == nil)
        #expect(fileReason(root.url.appending(path: "afile"), mayCreateFolder: false) == nil)
        #expect(fileReason(root.url.appending(path: "missing/x.svg"), mayCreateFolder: false)
            == "its folder \(base)/missing does not exist")
        #expect(fileReason(root.url.appending(path: "missing/x.svg"), mayCreateFolder: true) == nil)
        #expect(fileReason(root.url.appending(path: "afile/x.svg"), mayCreateFolder: true)
            == "\(base)/afile is a file, not a folder")
        #expect(fileReason(root.url, mayCreateFolder: false) == "it is a directory")
    }

    @Test("a symbolic link to a folder counts as that folder")
    func symlinkedFolder() throws {
        let root = try TemporaryDirectory()
        let real = root.url.appending(path: "real", directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: false)
        let link = root.url.appending(path: "link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        #expect(folderReason(link, mayCreate: false) == nil)
        #expect(fileReason(link.appending(path: "x.svg"), mayCreateFolder: false) == nil)
    }

    @Test("a symbolic link to nothing cannot hold files: refused, not followed")
    func danglingLink() throws {
        let root = try TemporaryDirectory()
        let link = root.url.appending(path: "dangling")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "nowhere")
        #expect(folderReason(link, mayCreate: true) == "it is a symbolic link to nowhere, which does not exist")
        #expect(fileReason(link.appending(path: "x.svg"), mayCreateFolder: true)
            == "\(link.path) is a symbolic link to nowhere, which does not exist")
    }

    @Test("a Foundation error becomes the system's reason in plain words, on one line")
    func plainReasons() throws {
        let root = try TemporaryDirectory()
        let file = try root.write("not a folder\n", to: "afile")
        do {
            try FileManager.default.createDirectory(at: file, withIntermediateDirectories: true)
            Issue.record("a folder was created over a file")
        } catch {
            let converted = FileWriteError(path: file.path, describing: error)
            #expect(converted.reason == "File exists", "\(converted)")
            #expect(!converted.description.contains("Domain="))
        }
        let original = FileWriteError(path: "p", reason: "r")
        #expect(FileWriteError(path: "other", describing: original) == original)
    }
}
