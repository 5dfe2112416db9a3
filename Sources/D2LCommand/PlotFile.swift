import ArgumentParser
import D2LDatasets
import D2LSupport
import Foundation

/// The `--plot FILE.svg` of `trace` and `train`: checked before any work, written atomically.
enum PlotFile {
    /// Checks that `path` names an SVG file (a usage error otherwise).
    static func validate(_ path: String) throws {
        guard path.lowercased().hasSuffix(".svg") else {
            throw ValidationError("--plot writes an SVG figure: give a file name ending in .svg, not '\(path)'")
        }
    }

    /// Checks, before the work, that the figure can be written at `path`: its folder exists
    /// and is writable, and `path` is not a folder.
    static func checkWritable(_ path: String) throws {
        do {
            try OutputLocation.checkFile(URL(fileURLWithPath: path), mayCreateFolder: false)
        } catch {
            try CommandFailure.fail(error.description, status: CommandFailure.cannotCreateOutput)
        }
    }

    /// Runs `write` (which writes the figure atomically, a temporary file renamed into place)
    /// on `path`'s URL, turning a failure into one line on standard error and status 73.
    static func write(to path: String, _ write: (URL) throws -> Void) throws {
        do {
            try write(URL(fileURLWithPath: path))
        } catch {
            try CommandFailure.fail("\(error)", status: CommandFailure.cannotCreateOutput)
        }
    }
}
