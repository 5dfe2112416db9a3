import Foundation

extension Airfoil {
    /// Where to read the airfoil data file from.
    ///
    /// ```swift
    /// // The bundled copy, or $D2L_DATA_DIR/airfoil_self_noise.dat when that variable is set:
    /// let source = Airfoil.DataSource(environment: ProcessInfo.processInfo.environment)
    /// let table = try Airfoil.load(from: source)
    ///
    /// // A user's copy, checked against the published digest:
    /// let copy = try Airfoil.load(from: .file(url, expectedSHA1: Airfoil.digest))
    /// ```
    public enum DataSource: Sendable, Equatable {
        /// The copy bundled with this module. Its SHA-1 is always checked: a mismatch means the
        /// install is damaged.
        case bundled

        /// A file of the user's, LF or CRLF. Its SHA-1 is checked only if `expectedSHA1` is given.
        case file(URL, expectedSHA1: SHA1Digest?)

        /// Chooses the source from environment variables.
        ///
        /// When ``Airfoil/dataDirectoryVariable`` (`D2L_DATA_DIR`) is set to a non-empty path,
        /// the source is `$D2L_DATA_DIR/airfoil_self_noise.dat`, checked against ``Airfoil/digest``
        /// (a relative path is taken from the current directory). Otherwise it is ``bundled``.
        ///
        /// - Parameter environment: The variables, such as `ProcessInfo.processInfo.environment`.
        public init(environment: [String: String]) {
            guard let directory = environment[Airfoil.dataDirectoryVariable], !directory.isEmpty else {
                self = .bundled
                return
            }
            let url = URL(filePath: directory, directoryHint: .isDirectory)
                .appending(path: Airfoil.fileName, directoryHint: .notDirectory)
            self = .file(url, expectedSHA1: Airfoil.digest)
        }

        /// The file's URL.
        ///
        /// - Throws: ``DatasetError/missingBundledResource(name:)`` when the bundled copy is
        ///   missing.
        public var url: URL {
            get throws(DatasetError) {
                switch self {
                case .bundled:
                    return try Airfoil.bundledURL
                case .file(let url, _):
                    return url
                }
            }
        }
    }
}
