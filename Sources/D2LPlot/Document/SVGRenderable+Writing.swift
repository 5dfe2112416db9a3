import Foundation

extension SVGRenderable {
    /// Writes ``svg()`` to a file as UTF-8, atomically.
    ///
    /// The document is first written to a temporary file beside the destination and then moved
    /// into place, so a reader never sees a half-written figure and a failed write leaves any
    /// existing file untouched.
    ///
    /// - Parameter url: A file URL; its folder must exist.
    /// - Throws: ``PlotError/writeFailed(path:reason:)`` when the file cannot be written.
    public func write(to url: URL) throws(PlotError) {
        do {
            try Data(svg().utf8).write(to: url, options: .atomic)
        } catch {
            throw PlotError.writeFailed(path: url.path, reason: error.localizedDescription)
        }
    }
}
