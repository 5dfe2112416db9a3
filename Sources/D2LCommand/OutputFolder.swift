import D2LDatasets
import D2LPlot
import D2LSupport
import Foundation

/// The `--out FOLDER` of `rmsprop` and `sweep`: checked before any work, and every failure to
/// write into it a ``FileWriteError`` (one line naming the path and the reason, exit 73).
enum OutputFolder {
    /// Checks that `path` is a writable folder, or can be created as one.
    static func check(_ path: String) throws(FileWriteError) {
        try OutputLocation.checkFolder(URL(fileURLWithPath: path), mayCreate: true)
    }

    /// Runs `write` on `path`'s URL; a failure to create or write a file becomes a
    /// ``FileWriteError`` (for the figure that failed, or else for `path`), a failure to read
    /// the data stays a `DatasetError`.
    static func write<Written>(to path: String, _ write: (URL) throws -> Written) throws -> Written {
        do {
            return try write(URL(fileURLWithPath: path))
        } catch let error as DatasetError {
            throw error
        } catch let PlotError.writeFailed(file, reason) {
            throw FileWriteError(path: file, reason: reason)
        } catch {
            throw FileWriteError(path: path, describing: error)
        }
    }
}
