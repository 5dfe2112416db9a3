import ArgumentParser

/// How a command prints its result.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// The book's lines.
    case text
    /// Comma-separated values with a header.
    case csv
    /// One JSON object.
    case json
}

/// The scalar type a command computes in.
enum ScalarType: String, ExpressibleByArgument, CaseIterable {
    case float, double
}
