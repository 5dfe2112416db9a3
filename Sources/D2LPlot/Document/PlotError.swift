/// An error from writing a figure.
public enum PlotError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The figure could not be written to `path`; `reason` is the file system's explanation.
    case writeFailed(path: String, reason: String)

    /// A one-line message naming the file and the cause.
    public var description: String {
        switch self {
        case let .writeFailed(path, reason):
            "cannot write the figure to \(path): \(reason)"
        }
    }
}
