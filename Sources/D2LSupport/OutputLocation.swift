import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks, before any work, that a place a command writes to can be written: an output folder
/// (`--out`), a file (`--plot`, `--checkpoint`) or the download cache.
///
/// ```swift
/// try OutputLocation.checkFolder(URL(filePath: "rmsprop-output"), mayCreate: true)
/// try OutputLocation.checkFile(URL(filePath: "figures/loss.svg"), mayCreateFolder: false)
/// ```
///
/// Each failure is a ``FileWriteError`` naming the path given and the reason in plain words,
/// such as "its folder out does not exist" or "afile is a file, not a folder". A symbolic link
/// to a folder counts as that folder; one to nothing is refused, since no folder can be created
/// through it. Nothing is created: a check only looks.
package enum OutputLocation {
    /// Checks that files can be written into `folder`.
    ///
    /// - Parameters:
    ///   - folder: The folder.
    ///   - mayCreate: Whether a missing folder will be created (with its missing parents): then
    ///     its nearest existing ancestor must be a writable folder.
    /// - Throws: ``FileWriteError`` for `folder`'s path.
    package static func checkFolder(_ folder: URL, mayCreate: Bool) throws(FileWriteError) {
        try checkFolder(folder, mayCreate: mayCreate, reportedPath: path(of: folder))
    }

    /// Checks that a file can be written at `file`: its folder is writable (or can be created)
    /// and `file` is not itself a folder.
    ///
    /// - Parameters:
    ///   - file: The file to be written or replaced.
    ///   - mayCreateFolder: Whether a missing folder will be created first.
    /// - Throws: ``FileWriteError`` for `file`'s path.
    package static func checkFile(_ file: URL, mayCreateFolder: Bool) throws(FileWriteError) {
        let reportedPath = path(of: file)
        try checkFolder(file.deletingLastPathComponent(), mayCreate: mayCreateFolder, reportedPath: reportedPath)
        if kind(of: reportedPath) == .folder {
            throw FileWriteError(path: reportedPath, reason: "it is a directory")
        }
    }

    private enum Kind { case missing, folder, other }

    /// What is at `path`, following symbolic links.
    private static func kind(of path: String) -> Kind {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return .missing }
        return isFolder.boolValue ? .folder : .other
    }

    private static func checkFolder(_ folder: URL, mayCreate: Bool, reportedPath: String) throws(FileWriteError) {
        let folderPath = path(of: folder)
        let isTheOutput = folderPath == reportedPath
        var existing = folder
        var existingPath = folderPath
        while kind(of: existingPath) == .missing {
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: existingPath) {
                let what = existingPath == reportedPath ? "it" : existingPath
                throw FileWriteError(path: reportedPath, reason: "\(what) is a symbolic link to \(target), which does not exist")
            }
            guard mayCreate else {
                throw FileWriteError(path: reportedPath, reason: isTheOutput ? "it does not exist" : "its folder \(folderPath) does not exist")
            }
            let parent = existing.deletingLastPathComponent()
            guard path(of: parent) != existingPath else { break }
            existing = parent
            existingPath = path(of: parent)
        }
        guard kind(of: existingPath) == .folder else {
            let what = existingPath == reportedPath ? "it" : existingPath
            throw FileWriteError(path: reportedPath, reason: "\(what) is a file, not a folder")
        }
        guard access(existingPath, W_OK | X_OK) == 0 else {
            throw FileWriteError(path: reportedPath, reason: "the folder \(existingPath) is not writable: \(String(cString: strerror(errno)))")
        }
    }

    /// The path of `url` as the user would write it, folders without their trailing slash
    /// except the root; `.` for the current folder.
    private static func path(of url: URL) -> String {
        let text = url.path(percentEncoded: false)
        guard text.count > 1, text.hasSuffix("/") else { return text.isEmpty ? "." : text }
        return String(text.dropLast())
    }
}
