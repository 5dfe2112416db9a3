import Foundation

/// JSON written as text by the package's own formatters.
package enum JSONText {
    /// `text` as a JSON string: quotes, backslashes, line feeds and other control characters
    /// escaped, and `<` written as `\u003c` so that the string can also sit inside an HTML
    /// `<script>` element.
    package static func string(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "<": escaped += "\\u003c"
            case "\n": escaped += "\\n"
            case _ where scalar.value < 0x20: escaped += String(format: "\\u%04x", scalar.value)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }
}
