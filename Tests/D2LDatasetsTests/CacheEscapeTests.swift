import D2LDatasets
import D2LSupport
import D2LTestSupport
import Foundation
import Testing

/// Fetches against a server that answers every path with a file, so that any way out of the
/// cache that the checks missed would succeed and be seen.
@Suite("Downloads never write outside the cache", .serialized)
struct CacheEscapeTests {
    static let body = Data("1\t2\n".utf8)

    static func server() throws -> LocalHTTPServer {
        try LocalHTTPServer { _ in .ok(body) }
    }

    @Test("every encoding of a way out is refused before any request, and nothing is written", arguments: CacheFileNameTests.refused)
    func refusedBeforeAnyRequest(path: String, reason: String) throws {
        let server = try Self.server()
        defer { server.stop() }
        let sandbox = try CacheSandbox()
        let downloader = Downloader(cacheDirectory: sandbox.cache)
        let error = try #require(throws: DownloadError.self) { try downloader.fetch(server.url(path), expectedSHA1: nil) }
        guard case .unsafeFileName = error else {
            Issue.record("\(path): \(error)")
            return
        }
        #expect(server.requestedPaths.isEmpty, "\(path) was requested")
        #expect(sandbox.files.isEmpty, "\(path) wrote \(sandbox.files)")
    }

    @Test("a plain name, however encoded, is written as that one name inside the cache", arguments: CacheFileNameTests.accepted)
    func plainNamesStayInside(path: String, name: String) throws {
        let server = try Self.server()
        defer { server.stop() }
        let sandbox = try CacheSandbox()
        let fetched = try Downloader(cacheDirectory: sandbox.cache).fetch(server.url(path), expectedSHA1: nil)
        #expect(fetched.file.lastPathComponent == name)
        #expect(fetched.file.deletingLastPathComponent().standardizedFileURL.path == sandbox.cache.standardizedFileURL.path)
        #expect(sandbox.files == ["outer/inner/cache/\(name)"], "\(path)")
        #expect(try Data(contentsOf: fetched.file) == Self.body)
    }

    @Test("a cache folder that is a symbolic link works; the file lands in the folder it points to")
    func symlinkedCacheFolder() throws {
        let server = try Self.server()
        defer { server.stop() }
        let sandbox = try CacheSandbox()
        let real = sandbox.directory.url.appending(path: "real-cache", directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: sandbox.cache.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: sandbox.cache, withDestinationURL: real)
        let digest = SHA1Digest(hashing: Self.body)
        let downloader = Downloader(cacheDirectory: sandbox.cache)
        #expect(try downloader.fetch(server.url("data.tsv"), expectedSHA1: digest).outcome == .downloaded)
        #expect(try downloader.fetch(server.url("data.tsv"), expectedSHA1: digest).outcome == .cached)
        #expect(try Data(contentsOf: real.appending(path: "data.tsv")) == Self.body)
    }

    @Test("a symbolic link planted at the file's name is not followed out: not read, replaced by the download")
    func plantedSymlinkIsNotFollowed() throws {
        let server = try Self.server()
        defer { server.stop() }
        let sandbox = try CacheSandbox()
        try FileManager.default.createDirectory(at: sandbox.cache, withIntermediateDirectories: true)
        // Outside the cache, a file with exactly the expected digest, which a followed link would serve.
        let outside = try sandbox.directory.write(Self.body, to: "outside.tsv")
        let entry = sandbox.cache.appending(path: "data.tsv")
        try FileManager.default.createSymbolicLink(at: entry, withDestinationURL: outside)
        let fetched = try Downloader(cacheDirectory: sandbox.cache).fetch(server.url("data.tsv"), expectedSHA1: SHA1Digest(hashing: Self.body))
        #expect(fetched.outcome == .downloaded, "the planted link was read as the cached copy")
        #expect(server.requestedPaths == ["/data.tsv"])
        let type = try FileManager.default.attributesOfItem(atPath: entry.path)[.type] as? FileAttributeType
        #expect(type == .typeRegular, "the link is replaced by a regular file in the cache")
        #expect(try Data(contentsOf: outside) == Self.body)

        // A link at the name pointing to a folder outside is refused before any request.
        let elsewhere = sandbox.directory.url.appending(path: "elsewhere", directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: sandbox.cache.appending(path: "folder.tsv"), withDestinationURL: elsewhere)
        #expect(throws: DownloadError.self) { try Downloader(cacheDirectory: sandbox.cache).fetch(server.url("folder.tsv"), expectedSHA1: nil) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
        #expect(server.requestedPaths == ["/data.tsv"])
    }

    @Test("a cache that cannot be created is refused before any request, naming the path and why")
    func unwritableCache() throws {
        let server = try Self.server()
        defer { server.stop() }
        let sandbox = try CacheSandbox()
        let file = try sandbox.directory.write("a file\n", to: "afile")
        let downloader = Downloader(cacheDirectory: file.appending(path: "cache", directoryHint: .isDirectory))
        let error = try #require(throws: DownloadError.self) { try downloader.fetch(server.url("data.tsv"), expectedSHA1: nil) }
        guard case let .cannotWrite(writeError) = error else {
            Issue.record("\(error)")
            return
        }
        #expect(writeError.reason == "\(file.path) is a file, not a folder", "\(writeError)")
        #expect(server.requestedPaths.isEmpty)
    }
}
