import Foundation

/// The folder where downloaded data sets are kept.
///
/// The first of these that is set and not empty:
///
/// 1. `$D2L_CACHE_DIR`
/// 2. `$XDG_CACHE_HOME/d2l`
/// 3. `~/.cache/d2l` (`$HOME/.cache/d2l`, or the user's home folder when `HOME` is unset)
///
/// ```swift
/// let folder = CacheDirectory.url(environment: ProcessInfo.processInfo.environment)
/// ```
public enum CacheDirectory {
    /// The variable that names the cache folder itself.
    public static let variable = "D2L_CACHE_DIR"

    /// The cache folder for the given environment variables. A relative path is taken from
    /// the current folder.
    public static func url(environment: [String: String]) -> URL {
        func folder(_ path: String) -> URL { URL(filePath: path, directoryHint: .isDirectory) }
        if let path = environment[variable], !path.isEmpty {
            return folder(path)
        }
        if let path = environment["XDG_CACHE_HOME"], !path.isEmpty {
            return folder(path).appending(path: "d2l", directoryHint: .isDirectory)
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : folder($0) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appending(path: ".cache/d2l", directoryHint: .isDirectory)
    }
}
