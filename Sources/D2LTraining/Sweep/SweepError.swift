/// An error in describing a sweep, reported before any run starts.
public enum SweepError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A list of values such as `--lr 0.01,0.1` could not be read.
    case invalidList(flag: String, text: String, reason: String)
    /// A training sweep was run without its data.
    case missingData

    /// One line naming the flag, what is wrong and what would be valid.
    public var description: String {
        switch self {
        case let .invalidList(flag, text, reason):
            "\(flag) '\(text)': \(reason); expected comma-separated finite numbers such as 0.001,0.01,0.1"
        case .missingData:
            "a training sweep needs the section's data; pass it to run(data:progress:)"
        }
    }
}
