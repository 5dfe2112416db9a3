import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Fetches data files into the cache folder, as d2l's `download`: a cached file with the right
/// SHA-1 is used as it is; a missing or damaged one is downloaded, checked, then written
/// atomically.
///
/// ```swift
/// let downloader = Downloader(cacheDirectory: CacheDirectory.url(environment: ProcessInfo.processInfo.environment))
/// let entry = try DataHub.entry(named: "airfoil")
/// let fetched = try downloader.fetch(entry.url(base: DataHub.defaultBaseURL), expectedSHA1: entry.sha1)
/// fetched.file      // …/.cache/d2l/airfoil_self_noise.dat
/// ```
///
/// Without an expected digest the file is downloaded every time (a cached copy cannot be
/// checked); the result reports its SHA-1 so that it can be pinned. Transfers use
/// `URLSession` (on Linux, FoundationNetworking), so http and https work.
public struct Downloader: Sendable {
    /// What ``Downloader/fetch(_:expectedSHA1:)`` did.
    public enum Outcome: Sendable, Equatable {
        /// The cached file had the expected digest; nothing was downloaded.
        case cached
        /// The file was not in the cache (or had no digest to check) and was downloaded.
        case downloaded
        /// The cached file had another digest (`damaged`), so it was downloaded again.
        case replacedDamagedCopy(damaged: SHA1Digest)
    }

    /// A fetched file.
    public struct Fetched: Sendable, Equatable {
        /// The file in the cache.
        public var file: URL
        /// Its SHA-1.
        public var sha1: SHA1Digest
        /// Whether it came from the cache or the network.
        public var outcome: Outcome
    }

    /// The folder files are kept in; created when first needed.
    public var cacheDirectory: URL
    /// Seconds to wait for the next bytes before giving up.
    public var timeout: Double

    /// A downloader into `cacheDirectory`, giving up after `timeout` seconds without data.
    public init(cacheDirectory: URL, timeout: Double = 60) {
        self.cacheDirectory = cacheDirectory
        self.timeout = timeout
    }

    /// Makes sure the file at `urlText` is in the cache, under its last path component.
    ///
    /// - Parameters:
    ///   - urlText: An `http` or `https` URL whose path ends in a file name.
    ///   - expectedSHA1: The file's digest; when given, a cached copy with it is used, and a
    ///     download without it is refused.
    /// - Returns: The cached file, its digest and where it came from.
    /// - Throws: ``DownloadError``; the cache is unchanged on every error.
    public func fetch(_ urlText: String, expectedSHA1: SHA1Digest?) throws(DownloadError) -> Fetched {
        let url = try Self.validatedURL(urlText)
        let file = cacheDirectory.appending(path: url.lastPathComponent, directoryHint: .notDirectory)
        var damaged: SHA1Digest?
        if let expectedSHA1, let cached = try? FileContents.read(file) {
            let actual = SHA1Digest(hashing: cached)
            if actual == expectedSHA1 { return Fetched(file: file, sha1: actual, outcome: .cached) }
            damaged = actual
        }
        let data = try download(url, text: urlText)
        let actual = SHA1Digest(hashing: data)
        if let expectedSHA1, actual != expectedSHA1 {
            throw .digestMismatch(url: urlText, expected: expectedSHA1, actual: actual)
        }
        do {
            try AtomicFile.write(data, to: file, createFolder: true)
        } catch {
            throw .cannotWrite(error)
        }
        return Fetched(file: file, sha1: actual, outcome: damaged.map { .replacedDamagedCopy(damaged: $0) } ?? .downloaded)
    }

    /// `text` as a URL, if it is http(s) with a host and a file name.
    static func validatedURL(_ text: String) throws(DownloadError) -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased() else {
            throw .invalidURL(text: text, reason: "it does not parse as a URL")
        }
        guard scheme == "http" || scheme == "https" else {
            throw .invalidURL(text: text, reason: "the scheme \(scheme) is not supported")
        }
        guard let host = url.host(), !host.isEmpty else {
            throw .invalidURL(text: text, reason: "it names no host")
        }
        let name = url.lastPathComponent
        guard !url.path().hasSuffix("/"), !name.isEmpty, name != "/", name != ".", name != ".." else {
            throw .invalidURL(text: text, reason: "its path does not end in a file name")
        }
        return url
    }

    /// The body of a 200 response to a GET of `url`, complete.
    private func download(_ url: URL, text: String) throws(DownloadError) -> Data {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let box = TransferBox()
        let task = session.dataTask(with: url) { data, response, error in
            box.finish(data: data, response: response, error: error)
        }
        task.resume()
        let (data, response, error) = box.wait()
        if let error {
            let code = (error as? URLError)?.code
            if code == .timedOut { throw .timedOut(url: text, seconds: timeout) }
            throw .transferFailed(url: text, reason: Self.reason(error))
        }
        guard let response = response as? HTTPURLResponse else {
            throw .transferFailed(url: text, reason: "the answer was not HTTP")
        }
        guard response.statusCode == 200 else { throw .httpStatus(url: text, status: response.statusCode) }
        let body = data ?? Data()
        let expected = response.expectedContentLength
        if expected >= 0, Int64(body.count) != expected {
            throw .truncated(url: text, received: body.count, expected: Int(expected))
        }
        return body
    }

    /// The most specific one-line reason URLSession gives.
    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError
        let text = (underlying?.userInfo[NSLocalizedDescriptionKey] as? String)
            ?? (nsError.userInfo[NSLocalizedDescriptionKey] as? String)
            ?? nsError.localizedDescription
        // curl's "Failed to connect to HOST port N after 0 ms: …": the timing says nothing useful.
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.replacing(#/ after \d+ ms/#, with: "")
    }
}

/// The result of one transfer, handed from URLSession's queue to the waiting caller.
private final class TransferBox: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: (Data?, URLResponse?, (any Error)?)?

    func finish(data: Data?, response: URLResponse?, error: (any Error)?) {
        condition.lock()
        result = (data, response, error)
        condition.signal()
        condition.unlock()
    }

    func wait() -> (Data?, URLResponse?, (any Error)?) {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return result!
    }
}
