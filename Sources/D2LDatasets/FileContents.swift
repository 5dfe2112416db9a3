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
        // An empty regular file is read without Foundation: `Data(contentsOf:)` leaks its 4 KiB
        // read buffer for one (swift-foundation on Linux, found by LeakSanitizer).
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
           attributes[.type] as? FileAttributeType == .typeRegular, (attributes[.size] as? NSNumber)?.intValue == 0 {
            return Data()
        }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw .unreadable(file: path, reason: error.localizedDescription)
        }
    }
}
