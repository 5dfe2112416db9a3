import D2LSupport
import Foundation

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
/// checked); the result reports its SHA-1 so that it can be pinned. Transfers run the system's
/// `curl` program (found on `PATH`), so http and https work without linking a network library
/// into every process; without curl, a download fails with ``DownloadError/curlNotFound(url:)``.
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
    /// Seconds to wait for a connection, then for the next bytes, before giving up (the wait for
    /// bytes is rounded up to whole seconds).
    public var timeout: Double

    /// A downloader into `cacheDirectory`, giving up after `timeout` seconds without data.
    public init(cacheDirectory: URL, timeout: Double = 60) {
        self.cacheDirectory = cacheDirectory
        self.timeout = timeout
    }

    /// Makes sure the file at `urlText` is in the cache, under its ``CacheFileName``.
    ///
    /// Before any network traffic the name is checked to be one plain file name and the cache
    /// folder to be writable (or creatable); after the write, the file is checked to resolve to
    /// that name inside the resolved cache folder.
    ///
    /// - Parameters:
    ///   - urlText: An `http` or `https` URL whose path ends in a file name.
    ///   - expectedSHA1: The file's digest; when given, a cached copy with it is used, and a
    ///     download without it is refused.
    /// - Returns: The cached file, its digest and where it came from.
    /// - Throws: ``DownloadError``; the cache is unchanged on every error.
    ///   ``DownloadError/unsafeFileName(url:name:reason:)`` and ``DownloadError/invalidURL(text:reason:)``
    ///   come before anything is requested.
    public func fetch(_ urlText: String, expectedSHA1: SHA1Digest?) throws(DownloadError) -> Fetched {
        let url = try CacheFileName.validatedURL(urlText)
        let entry = CacheEntry(folder: cacheDirectory, name: try CacheFileName.name(of: url, text: urlText))
        let file = entry.file
        do {
            try OutputLocation.checkFile(file, mayCreateFolder: true)
        } catch {
            throw .cannotWrite(error)
        }
        var damaged: SHA1Digest?
        if let expectedSHA1, let cached = entry.cachedContents() {
            let actual = SHA1Digest(hashing: cached)
            if actual == expectedSHA1 { return Fetched(file: file, sha1: actual, outcome: .cached) }
            damaged = actual
        }
        let transfer = CurlTransfer(url: url, text: urlText, timeout: timeout)
        let data = try transfer.body(environment: ProcessInfo.processInfo.environment)
        let actual = SHA1Digest(hashing: data)
        if let expectedSHA1, actual != expectedSHA1 {
            throw .digestMismatch(url: urlText, expected: expectedSHA1, actual: actual)
        }
        do {
            try AtomicFile.write(data, to: file, createFolder: true)
            try entry.checkInsideFolder()
        } catch {
            throw .cannotWrite(error)
        }
        return Fetched(file: file, sha1: actual, outcome: damaged.map { .replacedDamagedCopy(damaged: $0) } ?? .downloaded)
    }
}
