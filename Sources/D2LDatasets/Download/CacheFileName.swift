import Foundation

/// The name a download gets in the cache folder: the last segment of the URL's path,
/// percent-decoded once, and only if it is one plain file name.
///
/// ```swift
/// try CacheFileName.name(forURL: "http://example.com/data/airfoil_self_noise.dat")   // "airfoil_self_noise.dat"
/// try CacheFileName.name(forURL: "http://example.com/%2E%2E%2Fescape.dat")           // throws: contains "/"
/// try CacheFileName.name(forURL: "http://example.com/%252F.dat")                     // "%2F.dat", one name
/// ```
///
/// The segment is cut from the encoded path first and decoded afterwards, so an encoded `/`
/// (`%2F`) cannot split it, and a name that decodes to something that is not one plain name is
/// refused: empty, `.` or `..`, starting with a dot, or containing `/`, `\`, NUL or another
/// control character, or an invisible or line-breaking one (format characters such as U+202E,
/// U+2028, U+2029), which would hide or split the name where it is printed. Decoding happens
/// once: `%252F` becomes the harmless name `%2F`. Look-alike characters (such as `∕`, U+2215)
/// are ordinary characters of one name.
public enum CacheFileName {
    /// The cache file name for `urlText`, an http(s) URL whose path ends in a file name.
    ///
    /// - Throws: ``DownloadError/invalidURL(text:reason:)`` for text that is not such a URL,
    ///   ``DownloadError/unsafeFileName(url:name:reason:)`` for a name that is not one plain name.
    public static func name(forURL urlText: String) throws(DownloadError) -> String {
        try name(of: validatedURL(urlText), text: urlText)
    }

    /// `text` as a URL, if it is http(s) with a host.
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
        return url
    }

    /// The decoded last segment of `url`'s path, checked.
    static func name(of url: URL, text: String) throws(DownloadError) -> String {
        let encodedPath = url.path(percentEncoded: true)
        let segment = encodedPath.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        guard !segment.isEmpty else {
            throw .invalidURL(text: text, reason: "its path does not end in a file name")
        }
        guard let name = segment.removingPercentEncoding else {
            throw .unsafeFileName(url: text, name: segment, reason: "is not valid percent-encoded UTF-8")
        }
        if let reason = refusal(of: name) {
            throw .unsafeFileName(url: text, name: name, reason: reason)
        }
        return name
    }

    /// Why `name` is not one plain file name, or `nil` if it is.
    private static func refusal(of name: String) -> String? {
        if name == "." || name == ".." { return "names a folder, not a file" }
        for scalar in name.unicodeScalars {
            switch scalar {
            case "/": return "contains /, which would make it a path instead of one name"
            case "\\": return "contains \\, which would make it a path instead of one name"
            case "\u{0}": return "contains a NUL character"
            case _ where scalar.properties.generalCategory == .control:
                return "contains a control character (U+\(hexadecimal(scalar)))"
            case _ where [.format, .lineSeparator, .paragraphSeparator].contains(scalar.properties.generalCategory):
                return "contains an invisible or line-breaking character (U+\(hexadecimal(scalar)))"
            default: continue
            }
        }
        if name.hasPrefix(".") { return "starts with a dot (a hidden file)" }
        return nil
    }

    private static func hexadecimal(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
