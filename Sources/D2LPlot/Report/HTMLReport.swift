import Foundation

/// A self-contained HTML page: headings, text, formulas in code blocks, tables and inline SVG
/// figures, with its style sheet embedded, so it opens offline with no external scripts or
/// fonts.
///
/// ```swift
/// var report = HTMLReport(title: "RMSProp")
/// report.append(.heading("The rule"))
/// report.append(.code("s ← γ·s + (1 − γ)·g²"))
/// report.append(.figure(chart, caption: "Loss against epoch"))
/// try report.write(to: url)
/// ```
public struct HTMLReport: Sendable {
    /// A part of the page.
    public enum Block: Sendable {
        /// A section heading.
        case heading(String)
        /// A paragraph of plain text (escaped).
        case paragraph(String)
        /// Preformatted text such as a formula or program output (escaped).
        case code(String)
        /// An SVG figure with a caption, embedded inline.
        case figure(svg: String, caption: String)
        /// A table with a header row; every row has as many cells as the header.
        case table(header: [String], rows: [[String]])
        /// A bulleted list of plain-text items.
        case list([String])
    }

    /// The page title, shown as the first heading too.
    public var title: String
    /// The blocks, in order.
    public private(set) var blocks: [Block] = []

    /// An empty report titled `title`.
    public init(title: String) {
        self.title = title
    }

    /// Adds a block at the end.
    public mutating func append(_ block: Block) {
        blocks.append(block)
    }

    /// Adds a figure drawn by `renderable`.
    public mutating func appendFigure(_ renderable: some SVGRenderable, caption: String) {
        blocks.append(.figure(svg: renderable.svg(), caption: caption))
    }

    /// The page's HTML.
    public func html() -> String {
        var body = "<h1>\(title.xmlEscaped)</h1>\n"
        for block in blocks {
            switch block {
            case let .heading(text):
                body += "<h2>\(text.xmlEscaped)</h2>\n"
            case let .paragraph(text):
                body += "<p>\(text.xmlEscaped)</p>\n"
            case let .code(text):
                body += "<pre>\(text.xmlEscaped)</pre>\n"
            case let .figure(svg, caption):
                body += "<figure>\n\(Self.strippingDeclaration(svg))\n<figcaption>\(caption.xmlEscaped)</figcaption>\n</figure>\n"
            case let .table(header, rows):
                body += "<table>\n<tr>" + header.map { "<th>\($0.xmlEscaped)</th>" }.joined() + "</tr>\n"
                for row in rows { body += "<tr>" + row.map { "<td>\($0.xmlEscaped)</td>" }.joined() + "</tr>\n" }
                body += "</table>\n"
            case let .list(items):
                body += "<ul>\n" + items.map { "<li>\($0.xmlEscaped)</li>\n" }.joined() + "</ul>\n"
            }
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(title.xmlEscaped)</title>
            <style>
            \(Self.styleSheet)
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    /// Writes the page atomically (a temporary file renamed into place).
    public func write(to url: URL) throws(PlotError) {
        do {
            try Data(html().utf8).write(to: url, options: .atomic)
        } catch {
            throw PlotError.writeFailed(path: url.path, reason: error.localizedDescription)
        }
    }

    private static func strippingDeclaration(_ svg: String) -> String {
        guard svg.hasPrefix("<?xml"), let end = svg.range(of: "?>") else { return svg }
        return String(svg[end.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static let styleSheet = """
        body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; max-width: 820px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.5; }
        h1 { font-size: 1.8em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
        h2 { font-size: 1.3em; margin-top: 1.8em; }
        pre { background: #f6f8fa; padding: 0.8em 1em; border-radius: 4px; overflow-x: auto; font-size: 0.9em; }
        figure { margin: 1.2em 0; text-align: center; }
        figure svg { max-width: 100%; height: auto; }
        figcaption { color: #555; font-size: 0.9em; margin-top: 0.3em; }
        table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
        th, td { border: 1px solid #ccc; padding: 0.3em 0.7em; text-align: right; }
        th { background: #f0f0f0; }
        """
}
