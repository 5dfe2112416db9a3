import D2LDatasets
import Foundation
import Testing

/// The cache file name decided from a URL, without any network: every encoding of a way out.
@Suite("The cache file name is one plain name, whatever the encoding")
struct CacheFileNameTests {
    /// Paths whose last segment, percent-decoded once, is not one plain name, and a word the
    /// reason must contain.
    static let refused: [(path: String, reason: String)] = [
        ("%2E%2E%2F%2E%2E%2Fescape.dat", "contains /"),
        ("%2e%2e%2fescape.dat", "contains /"),
        ("..%2Fescape.dat", "contains /"),
        ("..%2fescape.dat", "contains /"),
        ("sub%2Fescape.dat", "contains /"),
        ("%2F", "contains /"),
        ("..%5Cescape.dat", "contains \\"),
        ("%2E%2E%5cescape.dat", "contains \\"),
        ("a%5Cb.dat", "contains \\"),
        ("a%00.dat", "NUL"),
        ("%00", "NUL"),
        ("a%0A.dat", "control character (U+000A)"),
        ("a%0d.dat", "control character (U+000D)"),
        ("a%09.dat", "control character (U+0009)"),
        ("a%1B.dat", "control character (U+001B)"),
        ("a%7F.dat", "control character (U+007F)"),
        ("a%C2%85.dat", "control character (U+0085)"),
        ("a%E2%80%A8.dat", "line-breaking character (U+2028)"),
        ("a%E2%80%A9.dat", "line-breaking character (U+2029)"),
        ("%E2%80%AEtad.exe", "invisible or line-breaking character (U+202E)"),
        ("a%E2%80%8B.dat", "invisible or line-breaking character (U+200B)"),
        ("..", "names a folder"),
        (".", "names a folder"),
        ("%2E%2E", "names a folder"),
        ("%2e", "names a folder"),
        ("sub/..", "names a folder"),
        ("sub/%2E", "names a folder"),
        (".hidden", "starts with a dot"),
        ("%2Ehidden", "starts with a dot"),
        ("...", "starts with a dot"),
        ("a%FF.dat", "not valid percent-encoded UTF-8"),
        ("a%C0%AF.dat", "not valid percent-encoded UTF-8"),
    ]

    /// Paths whose last segment is one plain name, and that name: double encoding is decoded
    /// once, look-alikes of `/` are ordinary characters.
    static let accepted: [(path: String, name: String)] = [
        ("airfoil_self_noise.dat", "airfoil_self_noise.dat"),
        ("data/sub/airfoil_self_noise.dat", "airfoil_self_noise.dat"),
        ("%252E%252E%252Fescape.dat", "%2E%2E%2Fescape.dat"),
        ("%252F", "%2F"),
        ("%255C", "%5C"),
        ("%2500.dat", "%00.dat"),
        ("%25252F.dat", "%252F.dat"),
        ("%E2%88%95look.dat", "\u{2215}look.dat"),
        ("%EF%BC%8Ffull.dat", "\u{FF0F}full.dat"),
        ("%E2%A7%B5back.dat", "\u{29F5}back.dat"),
        ("a%20b.dat", "a b.dat"),
        ("a..b.dat", "a..b.dat"),
        ("a.dat?x=/../y#/z", "a.dat"),
    ]

    @Test("a name that is not one plain name is refused, naming the URL and why", arguments: refused)
    func refusesUnsafeNames(path: String, reason: String) throws {
        let url = "http://127.0.0.1:1/" + path
        let error = try #require(throws: DownloadError.self) { try CacheFileName.name(forURL: url) }
        guard case let .unsafeFileName(named, _, why) = error else {
            Issue.record("\(path): \(error)")
            return
        }
        #expect(named == url)
        #expect(why.contains(reason), "\(path): \(why)")
        #expect(error.description.hasPrefix("\"\(url)\" cannot be fetched into the cache"), "\(error)")
        #expect(!error.description.contains { $0.isNewline }, "\(error)")
    }

    @Test("a plain name is kept as one name, decoded once", arguments: accepted)
    func keepsPlainNames(path: String, name: String) throws {
        #expect(try CacheFileName.name(forURL: "https://example.com/" + path) == name)
        let file = URL(filePath: "/cache/", directoryHint: .isDirectory).appending(path: name, directoryHint: .notDirectory)
        #expect(file.path(percentEncoded: false) == "/cache/" + name, "one component of the cache folder")
    }

    @Test("a URL whose path ends without a file name, or that is not http(s), is not a URL to fetch")
    func invalidURLs() throws {
        let texts = [
            "http://127.0.0.1:1/", "http://127.0.0.1:1", "http://h/sub/", "ftp://h/a.dat", "http:///a.dat", "not a url",
            "\\C\u{0}\u{85}foo", "a\u{2028}b://c",
        ]
        for text in texts {
            let error = try #require(throws: DownloadError.self, "\(text)") { try CacheFileName.name(forURL: text) }
            #expect(!error.description.contains { $0.isNewline }, "\(error)")
            guard case .invalidURL = error else {
                Issue.record("\(text): \(error)")
                continue
            }
        }
    }
}
