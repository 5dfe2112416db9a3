import D2LSupport
import D2LTestSupport
import Foundation

/// A temporary folder with the download cache two levels down (`root/outer/inner/cache`), so
/// that a file escaping the cache by `../..` would still land where a test sees it.
struct CacheSandbox {
    let directory: TemporaryDirectory
    /// The cache folder (not created).
    let cache: URL

    init() throws {
        directory = try TemporaryDirectory()
        cache = directory.url.appending(path: "outer/inner/cache", directoryHint: .isDirectory)
    }

    /// Every file (not folder) in the sandbox, as paths relative to its root, sorted.
    var files: [String] {
        let root = directory.url.resolvingSymlinksInPath().path
        let enumerator = FileManager.default.enumerator(atPath: root)
        var found: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isFolder), !isFolder.boolValue {
                found.append(relative)
            }
        }
        return found.sorted()
    }

    /// The files of ``files`` that are not directly inside the cache folder.
    var filesOutsideCache: [String] {
        files.filter { !$0.hasPrefix("outer/inner/cache/") || $0.dropFirst("outer/inner/cache/".count).contains("/") }
    }
}
