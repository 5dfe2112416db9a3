import ArgumentParser

/// Parses `--seed N`: a whole number in 0 ... 2⁶⁴ − 1, named as such when it is not one (a
/// negative seed included).
func parseSeed(_ text: String) throws -> UInt64 {
    guard let seed = UInt64(text) else {
        throw ValidationError("expected a whole number from 0 to \(UInt64.max), not '\(text)'")
    }
    return seed
}
