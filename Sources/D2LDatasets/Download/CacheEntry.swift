import D2LSupport
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One file in the download cache, named by ``CacheFileName``, and the checks that keep reads
/// and writes of it inside the cache folder.
///
/// The folder itself may be a symbolic link (a cache on another disk works); the entry may
/// not: a link planted at the entry's name is neither read nor followed, and the download
/// replaces it with a regular file.
struct CacheEntry {
    /// The cache folder.
    var folder: URL
    /// The entry's name: one plain file name.
    var name: String

    /// The entry's location.
    var file: URL { folder.appending(path: name, directoryHint: .notDirectory) }

    /// The entry's path.
    var path: String { file.path(percentEncoded: false) }

    /// The bytes of the entry if it is a regular file, else `nil` (missing, a folder, a
    /// symbolic link or unreadable).
    func cachedContents() -> Data? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              attributes[.type] as? FileAttributeType == .typeRegular
        else { return nil }
        return try? FileContents.read(file)
    }

    /// Checks, after a write, that the entry resolves to `name` directly inside the resolved
    /// cache folder; if not, removes what is at the entry's path (a link is removed, not its
    /// target).
    ///
    /// - Throws: ``FileWriteError`` naming where the entry led.
    func checkInsideFolder() throws(FileWriteError) {
        let folderPath = folder.path(percentEncoded: false)
        guard let resolvedFolder = Self.resolved(folderPath) else {
            throw FileWriteError(path: path, reason: "the cache folder \(folderPath) cannot be resolved")
        }
        let expected = resolvedFolder.hasSuffix("/") ? resolvedFolder + name : resolvedFolder + "/" + name
        let resolvedFile = Self.resolved(path)
        guard resolvedFile == expected else {
            unlink(path)
            throw FileWriteError(
                path: path, reason: "it resolves to \(resolvedFile ?? "nothing"), outside the cache folder \(resolvedFolder); nothing was kept"
            )
        }
    }

    /// `path` with every symbolic link and `.`/`..` resolved, or `nil` if it does not exist.
    private static func resolved(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
