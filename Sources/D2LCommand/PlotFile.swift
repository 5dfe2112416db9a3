import ArgumentParser
import Foundation

/// The `--plot FILE.svg` of `trace` and `train`: checked before any work, written atomically.
enum PlotFile {
    /// Checks that `path` names an SVG file in an existing folder.
    static func validate(_ path: String) throws {
        guard path.lowercased().hasSuffix(".svg") else {
            throw ValidationError("--plot writes an SVG figure: give a file name ending in .svg, not '\(path)'")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("--plot \(path): the folder \(folder.path) does not exist")
        }
    }

    /// Runs `write` (which writes the figure atomically, a temporary file renamed into place)
    /// on `path`'s URL, turning a failure into one line on standard error and status 1.
    static func write(to path: String, _ write: (URL) throws -> Void) throws {
        do {
            try write(URL(fileURLWithPath: path))
        } catch {
            try CommandFailure.fail("\(error)", status: 1)
        }
    }
}
