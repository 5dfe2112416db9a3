import ArgumentParser

/// Parses `--hidden H1,H2,…`: the widths of a ReLU MLP's hidden layers, each a whole number
/// ≥ 1, separated by commas.
func parseHiddenLayers(_ text: String) throws -> [Int] {
    let widths = text.split(separator: ",", omittingEmptySubsequences: false).map { Int(String($0)) }
    guard !widths.isEmpty, widths.allSatisfy({ ($0 ?? 0) >= 1 }) else {
        throw ValidationError("expected hidden layer widths ≥ 1 separated by commas, such as 256,256; not '\(text)'")
    }
    return widths.map { $0! }
}
