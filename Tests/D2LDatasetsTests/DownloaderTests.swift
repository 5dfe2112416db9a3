import D2LDatasets
import D2LTestSupport
import Foundation
import Testing

@Suite("Downloads into the cache, against a local HTTP server", .serialized)
struct DownloaderTests {
    static let body = Data((0..<5000).map { "row \($0)\t\($0 * 3)\n" }.joined().utf8)
    static let digest = SHA1Digest(hashing: body)
    static let wrong = Data(body.reversed())

    /// A server with a file for every behaviour.
    static func server() throws -> LocalHTTPServer {
        try LocalHTTPServer { path in
            switch path {
            case "/data.tsv", "/nested/data.tsv": return .ok(body)
            case "/dropped.tsv": return .dropHalfway(body)
            case "/wrong.tsv": return .ok(wrong)
            case "/unsized.tsv": return .withoutLength(body)
            case "/silent.tsv": return .silence
            case "/broken.tsv": return .status(500)
            default: return .status(404)
            }
        }
    }

    @Test("a file is downloaded once; later fetches use the checked cache")
    func cachesWithDigest() throws {
        let server = try Self.server()
        defer { server.stop() }
        let cache = try TemporaryDirectory()
        let downloader = Downloader(cacheDirectory: cache.url.appending(path: "d2l"))
        let first = try downloader.fetch(server.url("data.tsv"), expectedSHA1: Self.digest)
        #expect(first.outcome == .downloaded)
        #expect(try Data(contentsOf: first.file) == Self.body)
        #expect(first.file.lastPathComponent == "data.tsv")
        let second = try downloader.fetch(server.url("data.tsv"), expectedSHA1: Self.digest)
        #expect(second.outcome == .cached && second.file == first.file)
        #expect(server.requestedPaths == ["/data.tsv"])
    }

    @Test("a damaged cache entry is fetched again")
    func refetchesDamagedEntry() throws {
        let server = try Self.server()
        defer { server.stop() }
        let cache = try TemporaryDirectory()
        let downloader = Downloader(cacheDirectory: cache.url)
        try cache.write(Self.body.prefix(100), to: "data.tsv")
        let fetched = try downloader.fetch(server.url("data.tsv"), expectedSHA1: Self.digest)
        #expect(fetched.outcome == .replacedDamagedCopy(damaged: SHA1Digest(hashing: Self.body.prefix(100))))
        #expect(try Data(contentsOf: fetched.file) == Self.body)
    }

    @Test("a connection dropped halfway is an error, and nothing is written")
    func droppedConnection() throws {
        let server = try Self.server()
        defer { server.stop() }
        let cache = try TemporaryDirectory()
        let downloader = Downloader(cacheDirectory: cache.url)
        let error = try #require(throws: DownloadError.self) { try downloader.fetch(server.url("dropped.tsv"), expectedSHA1: nil) }
        switch error {
        case .truncated, .transferFailed: break
        default: Issue.record("unexpected \(error)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.url.path).isEmpty)
    }

    @Test("wrong bytes are refused by their digest, and the cached copy is left as it was")
    func wrongBytes() throws {
        let server = try Self.server()
        defer { server.stop() }
        let cache = try TemporaryDirectory()
        let downloader = Downloader(cacheDirectory: cache.url)
        #expect(throws: DownloadError.digestMismatch(url: server.url("wrong.tsv"), expected: Self.digest, actual: SHA1Digest(hashing: Self.wrong))) {
            try downloader.fetch(server.url("wrong.tsv"), expectedSHA1: Self.digest)
        }
        #expect(!FileManager.default.fileExists(atPath: cache.url.appending(path: "wrong.tsv").path))
        // A body without a length cannot be checked for truncation; its digest still is.
        #expect(try downloader.fetch(server.url("unsized.tsv"), expectedSHA1: Self.digest).outcome == .downloaded)
    }

    @Test("without a digest, a file is downloaded every time and its SHA-1 reported")
    func withoutDigest() throws {
        let server = try Self.server()
        defer { server.stop() }
        let cache = try TemporaryDirectory()
        let downloader = Downloader(cacheDirectory: cache.url)
        #expect(try downloader.fetch(server.url("data.tsv"), expectedSHA1: nil).sha1 == Self.digest)
        #expect(try downloader.fetch(server.url("data.tsv"), expectedSHA1: nil).outcome == .downloaded)
        #expect(server.requestedPaths.count == 2)
    }

    @Test("HTTP errors, refused connections, silent servers and bad URLs are clear errors")
    func failures() throws {
        let server = try Self.server()
        defer { server.stop() }
        let cache = try TemporaryDirectory()
        let downloader = Downloader(cacheDirectory: cache.url, timeout: 1)
        #expect(throws: DownloadError.httpStatus(url: server.url("missing.tsv"), status: 404)) {
            try downloader.fetch(server.url("missing.tsv"), expectedSHA1: nil)
        }
        #expect(throws: DownloadError.httpStatus(url: server.url("broken.tsv"), status: 500)) {
            try downloader.fetch(server.url("broken.tsv"), expectedSHA1: nil)
        }
        let start = ContinuousClock.now
        #expect(throws: DownloadError.timedOut(url: server.url("silent.tsv"), seconds: 1)) {
            try downloader.fetch(server.url("silent.tsv"), expectedSHA1: nil)
        }
        #expect(ContinuousClock.now - start < .seconds(30))
        // A port nothing listens on: the server's, once it has stopped.
        let closed = try LocalHTTPServer { _ in .status(404) }
        closed.stop()
        let refused = try #require(throws: DownloadError.self) { try downloader.fetch(closed.url("data.tsv"), expectedSHA1: nil) }
        guard case .transferFailed = refused else { Issue.record("\(refused)"); return }
        for text in ["ftp://example.com/a.dat", "not a url", "http://127.0.0.1:1/", "http:///a.dat"] {
            #expect(throws: DownloadError.self, "\(text)") { try downloader.fetch(text, expectedSHA1: nil) }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.url.path).isEmpty)
    }

    @Test("the cache folder follows D2L_CACHE_DIR, then XDG_CACHE_HOME, then ~/.cache")
    func cacheFolder() {
        #expect(CacheDirectory.url(environment: ["D2L_CACHE_DIR": "/c", "XDG_CACHE_HOME": "/x", "HOME": "/h"]).path == "/c")
        #expect(CacheDirectory.url(environment: ["D2L_CACHE_DIR": "", "XDG_CACHE_HOME": "/x", "HOME": "/h"]).path == "/x/d2l")
        #expect(CacheDirectory.url(environment: ["HOME": "/h"]).path == "/h/.cache/d2l")
    }

    @Test("the data hub knows the airfoil file under d2l's URL")
    func dataHub() throws {
        let entry = try DataHub.entry(named: "airfoil")
        #expect(entry.url(base: DataHub.defaultBaseURL) == "http://d2l-data.s3-accelerate.amazonaws.com/airfoil_self_noise.dat")
        #expect(entry.url(base: "http://127.0.0.1:8/data") == "http://127.0.0.1:8/data/airfoil_self_noise.dat")
        #expect(throws: DownloadError.unknownDataset(name: "airfoll", known: ["airfoil"])) { try DataHub.entry(named: "airfoll") }
    }
}
