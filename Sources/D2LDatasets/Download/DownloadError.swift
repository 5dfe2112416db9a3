import D2LSupport
/// Why a data set could not be fetched into the cache.
///
/// Every case leaves the cache as it was: a download is checked before anything is written.
public enum DownloadError: Error, Equatable, CustomStringConvertible {
    /// No data set has this name.
    case unknownDataset(name: String, known: [String])
    /// The text is not an http or https URL naming a file.
    case invalidURL(text: String, reason: String)
    /// The URL's file name, percent-decoded, is not one plain name that stays in the cache
    /// folder (see ``CacheFileName``); nothing is requested.
    case unsafeFileName(url: String, name: String, reason: String)
    /// No `curl` program is on `PATH`, so nothing can be downloaded.
    case curlNotFound(url: String)
    /// The server could not be reached, or the transfer failed.
    case transferFailed(url: String, reason: String)
    /// Nothing arrived for `seconds` seconds.
    case timedOut(url: String, seconds: Double)
    /// The server answered with a status other than 200.
    case httpStatus(url: String, status: Int)
    /// The connection ended before the announced length arrived.
    case truncated(url: String, received: Int, expected: Int)
    /// The downloaded bytes do not have the expected SHA-1.
    case digestMismatch(url: String, expected: SHA1Digest, actual: SHA1Digest)
    /// The cache folder or file could not be written.
    case cannotWrite(FileWriteError)

    public var description: String {
        switch self {
        case let .unknownDataset(name, known):
            return "no data set is called \(UntrustedText.quoted(name)); known: \(known.joined(separator: ", ")), or give an http(s) URL"
        case let .invalidURL(text, reason):
            return "\(UntrustedText.quoted(text)) is not a URL to fetch: \(reason); expected http(s)://HOST/PATH/FILE"
        case let .unsafeFileName(url, name, reason):
            return "\(UntrustedText.quoted(url)) cannot be fetched into the cache: its file name \(UntrustedText.quoted(name)) \(reason); "
                + "expected one plain file name, such as airfoil_self_noise.dat"
        case let .curlNotFound(url):
            return "cannot download \(url): downloads run the curl program, and none is on PATH; install curl and try again"
        case let .transferFailed(url, reason):
            return "cannot download \(url): \(reason)"
        case let .timedOut(url, seconds):
            return "cannot download \(url): nothing arrived for \(Self.seconds(seconds)); check the network, or raise --timeout"
        case let .httpStatus(url, status):
            return "cannot download \(url): the server answered HTTP \(status); expected 200 (check the URL or --base-url)"
        case let .truncated(url, received, expected):
            return "the download of \(url) was cut off after \(received) of \(expected) bytes; nothing was written, try again"
        case let .digestMismatch(url, expected, actual):
            return "the file downloaded from \(url) has SHA-1 \(actual), expected \(expected); nothing was written "
                + "(the server sent other data: check the URL or the digest)"
        case let .cannotWrite(error):
            return error.description
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
