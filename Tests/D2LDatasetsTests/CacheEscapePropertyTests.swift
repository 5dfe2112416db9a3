import D2LDatasets
import D2LTestSupport
import Foundation
import PropertyBased
import Testing

/// For generated URL paths, a fetch against a server that answers every path either refuses
/// the URL or writes one file directly inside the cache: never anything anywhere else.
@Suite("Generated URL paths never lead out of the cache", .serialized)
struct CacheEscapePropertyTests {
    /// The pieces a way out is made of, in several encodings, and look-alikes.
    static let dangerous = [
        ".", "..", "/", "\\", "%2E", "%2e", "%2F", "%2f", "%5C", "%5c", "%25", "%252F", "%252E", "%00", "%0A",
        "%C2%85", "%E2%88%95", "%EF%BC%8F", "a", "b.dat",
    ]

    /// A path of one to twelve pieces: dangerous ones, and random bytes percent-encoded.
    static let path = Gen.oneOf(
        Gen.element(of: dangerous).map { $0 ?? "" },
        Gen<UInt8>.value(in: 0...255).map { String(format: "%%%02X", $0) },
        Gen<UInt8>.value(in: 0x21...0x7E).map { String(UnicodeScalar($0)) }
    ).array(of: 1...12).map { $0.joined() }

    @Test("a fetch refuses the URL or writes one file directly inside the cache")
    func neverOutside() async throws {
        let server = try LocalHTTPServer { _ in .ok(Data("1\t2\n".utf8)) }
        defer { server.stop() }
        await propertyCheck(count: 250, input: Self.path) { path in
            let sandbox = try CacheSandbox()
            let requestsBefore = server.requestedPaths.count
            let url = server.url(path)
            do {
                let fetched = try Downloader(cacheDirectory: sandbox.cache, timeout: 5).fetch(url, expectedSHA1: nil)
                let name = try CacheFileName.name(forURL: url)
                #expect(fetched.file.lastPathComponent == name, "\(url)")
                #expect(sandbox.files == ["outer/inner/cache/\(name)"], "\(url) wrote \(sandbox.files)")
            } catch let error as DownloadError {
                switch error {
                case .unsafeFileName, .invalidURL:
                    #expect(server.requestedPaths.count == requestsBefore, "\(url) was refused after a request")
                case .transferFailed, .httpStatus:
                    break  // a URL curl itself rejects
                default:
                    Issue.record("\(url): \(error)")
                }
                #expect(!error.description.contains { $0.isNewline }, "\(error)")
                #expect(sandbox.files.isEmpty, "\(url) failed but wrote \(sandbox.files)")
            }
            #expect(sandbox.filesOutsideCache.isEmpty, "\(url) wrote \(sandbox.filesOutsideCache)")
        }
    }
}
