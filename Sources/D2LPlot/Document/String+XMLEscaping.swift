extension String {
    /// The string made safe for XML character data and attribute values.
    ///
    /// `&`, `<`, `>`, `"` and `'` become entity references; characters that XML 1.0 forbids
    /// (control characters other than tab, line feed and carriage return, and U+FFFE, U+FFFF)
    /// are dropped so the document stays well-formed.
    var xmlEscaped: String {
        var result = ""
        result.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            case "\u{0}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
