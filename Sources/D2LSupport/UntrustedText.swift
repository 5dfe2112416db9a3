/// Text read from a file (a snapshot, a checkpoint), made safe to quote in a one-line message.
package enum UntrustedText {
    /// `text` as it is if every character prints on one line, else quoted with escapes, so
    /// that a damaged file cannot break a message across lines; at most 60 characters.
    package static func printable(_ text: String) -> String {
        func prints(_ scalar: Unicode.Scalar) -> Bool {
            let category = scalar.properties.generalCategory
            return category != .control && category != .lineSeparator && category != .paragraphSeparator
                && category != .format && (!scalar.properties.isWhitespace || scalar == " ")
        }
        var shown = ""
        if text.unicodeScalars.allSatisfy(prints) {
            shown = text
        } else {
            shown = "\""
            for scalar in text.unicodeScalars {
                shown += prints(scalar) ? String(scalar) : "\\u{\(String(scalar.value, radix: 16))}"
            }
            shown += "\""
        }
        return shown.count > 60 ? String(shown.prefix(59)) + "…" : shown
    }
}
