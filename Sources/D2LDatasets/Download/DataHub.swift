/// The data sets that can be fetched by name, as d2l's `DATA_HUB` lists them: a file name under
/// a base URL, and its SHA-1.
///
/// ```swift
/// let entry = try DataHub.entry(named: "airfoil")
/// entry.url(base: DataHub.defaultBaseURL)   // http://d2l-data.s3-accelerate.amazonaws.com/airfoil_self_noise.dat
/// ```
public enum DataHub {
    /// A named data set.
    public struct Entry: Sendable, Equatable {
        /// The name to fetch it by, such as `"airfoil"`.
        public var name: String
        /// The file name, under the base URL and in the cache.
        public var fileName: String
        /// The file's SHA-1.
        public var sha1: SHA1Digest

        /// The file's URL under `base` (a `/` is added between them if `base` lacks one).
        public func url(base: String) -> String {
            base.hasSuffix("/") ? base + fileName : base + "/" + fileName
        }
    }

    /// d2l's `DATA_URL`.
    public static let defaultBaseURL = "http://d2l-data.s3-accelerate.amazonaws.com/"

    /// The data sets known by name.
    public static let entries: [Entry] = [
        Entry(name: "airfoil", fileName: Airfoil.fileName, sha1: Airfoil.digest),
    ]

    /// The data set called `name`.
    ///
    /// - Throws: ``DownloadError/unknownDataset(name:known:)``.
    public static func entry(named name: String) throws(DownloadError) -> Entry {
        guard let entry = entries.first(where: { $0.name == name }) else {
            throw .unknownDataset(name: name, known: entries.map(\.name))
        }
        return entry
    }
}
