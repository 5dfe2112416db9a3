import Foundation

/// Reads whole files, turning Foundation's errors into ``DatasetError`` cases.
enum FileContents {
    /// The bytes of the file at `url`.
    ///
    /// - Throws: ``DatasetError/fileNotFound(file:)`` when nothing is at the path,
    ///   ``DatasetError/unreadable(file:reason:)`` for a directory or a failed read.
    static func read(_ url: URL) throws(DatasetError) -> Data {
        let path = url.path(percentEncoded: false)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .fileNotFound(file: path)
        }
        guard !isDirectory.boolValue else {
            throw .unreadable(file: path, reason: "it is a directory")
        }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw .unreadable(file: path, reason: error.localizedDescription)
        }
    }
}
