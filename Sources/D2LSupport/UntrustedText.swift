/// Text read from a file or given by a stranger (a snapshot, a checkpoint, a URL), made safe
/// to quote in a one-line message.
package enum UntrustedText {
    /// `text` in quotes, with `"` and `\` escaped and every character that would not print
    /// plainly on one line (controls, format characters, line and paragraph separators,
    /// whitespace other than the space) written as `\u{…}`.
    package static func quoted(_ text: String) -> String {
        var shown = "\""
        for scalar in text.unicodeScalars {
            if !printsPlainly(scalar) {
                shown += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                shown += scalar == "\"" || scalar == "\\" ? "\\" + String(scalar) : String(scalar)
            }
        }
        return shown + "\""
    }

    /// `text` as it is if every character prints plainly on one line, else ``quoted(_:)``, so
    /// that a damaged file cannot break a message across lines; at most 60 characters.
    package static func printable(_ text: String) -> String {
        let shown = text.unicodeScalars.allSatisfy(printsPlainly) ? text : quoted(text)
        return shown.count > 60 ? String(shown.prefix(59)) + "…" : shown
    }

    /// Whether `scalar` shows as itself on one line.
    private static func printsPlainly(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: false
        default: !scalar.properties.isWhitespace || scalar == " "
        }
    }
}
