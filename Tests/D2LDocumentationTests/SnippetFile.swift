import D2LTestSupport
import Foundation

/// A file of `Snippets/`, read as DocC reads it: `// snippet.hide` … `// snippet.show` hide the
/// lines between them, `// snippet.NAME` starts the slice NAME (up to the next slice or
/// `// snippet.end`), and marker lines never show.
struct SnippetFile: Sendable, CustomStringConvertible {
    /// The file name without `.swift`: the executable's name and the `@Snippet` path's last part.
    var name: String
    /// The file's lines.
    var lines: [String]

    var description: String { name }

    /// The folder of the package's snippets.
    static let folder = Fixtures.packageRoot.appendingPathComponent("Snippets")

    /// Every snippet, sorted by name.
    static func all() throws -> [SnippetFile] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".swift") }
            .sorted()
            .map { try SnippetFile(named: String($0.dropLast(".swift".count))) }
    }

    init(named name: String) throws {
        self.name = name
        let text = try String(contentsOf: Self.folder.appendingPathComponent(name + ".swift"), encoding: .utf8)
        lines = text.components(separatedBy: "\n")
    }

    /// The marker a line holds (`hide`, `show`, `end` or a slice's name), if it is one.
    private static func marker(_ line: String) -> String? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("// snippet.") else { return nil }
        return String(trimmed.dropFirst("// snippet.".count))
    }

    /// The names of the slices, in order.
    var sliceNames: [String] {
        lines.compactMap(Self.marker).filter { !["hide", "show", "end"].contains($0) }
    }

    /// The text DocC shows for the whole file (`slice` nil) or for one slice: the visible lines,
    /// without leading and trailing blank lines.
    func shownText(slice: String? = nil) -> String {
        var shown: [String] = []
        var hidden = false
        var inSlice = slice == nil
        for line in lines {
            if let marker = Self.marker(line) {
                switch marker {
                case "hide": hidden = true
                case "show": hidden = false
                case "end": if slice != nil { inSlice = false }
                default: if let slice { inSlice = marker == slice }
                }
                continue
            }
            if inSlice && !hidden { shown.append(line) }
        }
        while shown.first?.trimmingCharacters(in: .whitespaces).isEmpty == true { shown.removeFirst() }
        while shown.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { shown.removeLast() }
        return shown.joined(separator: "\n")
    }

    /// The lines the program is documented to print, in order: the comment that ends a line
    /// calling `print` (after ` // `), and the comment lines right below a `print` line that
    /// has none. In a comment, `…` stands for any text.
    var documentedOutput: [String] {
        var expected: [String] = []
        var afterPrint = false
        for line in lines {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("//") {
                if afterPrint && Self.marker(line) == nil { expected.append(String(trimmed.dropFirst(2)).trimmed) }
                continue
            }
            afterPrint = false
            guard trimmed.contains("print(") else { continue }
            if let comment = trimmed.range(of: " // ") {
                expected.append(String(trimmed[comment.upperBound...]).trimmed)
            } else {
                afterPrint = true
            }
        }
        return expected
    }
}

extension String {
    /// Without surrounding spaces.
    var trimmed: String { trimmingCharacters(in: .whitespaces) }

    /// Whether the string equals `pattern`, in which `…` stands for any text.
    func matches(documented pattern: String) -> Bool {
        let pieces = pattern.components(separatedBy: "…")
        guard pieces.count > 1 else { return self == pattern }
        guard hasPrefix(pieces[0]), hasSuffix(pieces[pieces.count - 1]),
              count >= pieces[0].count + pieces[pieces.count - 1].count
        else { return false }
        var rest = self.dropFirst(pieces[0].count).dropLast(pieces[pieces.count - 1].count)
        for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
            guard let found = rest.range(of: piece) else { return false }
            rest = rest[found.upperBound...]
        }
        return true
    }
}
