import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An SVG document read back with Foundation's XML parser: reading it at all proves it is
/// well-formed; the elements let tests check what was drawn.
struct ParsedSVG {
    struct Element {
        var name: String
        var attributes: [String: String]
        /// The character content, entities resolved.
        var text: String
        /// The names of the enclosing elements, outermost first.
        var ancestors: [String]
        /// The `class` attributes of the enclosing groups, outermost first.
        var groupClasses: [String]
    }

    struct NotWellFormed: Error, CustomStringConvertible {
        var description: String
    }

    let elements: [Element]

    init(_ svg: String) throws {
        let collector = Collector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = collector
        guard parser.parse() else {
            throw NotWellFormed(description: parser.parserError.map { "\($0)" } ?? "unknown parse error")
        }
        elements = collector.finished
    }

    /// The elements named `name`.
    func all(_ name: String) -> [Element] {
        elements.filter { $0.name == name }
    }

    /// The contents of every `text` element, in document order.
    var texts: [String] {
        all("text").map(\.text)
    }

    /// The elements named `name` inside a group of class `groupClass`.
    func all(_ name: String, inGroup groupClass: String) -> [Element] {
        all(name).filter { $0.groupClasses.contains(groupClass) }
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var open: [Element] = []
        var finished: [Element] = []

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            let classes = open.filter { $0.name == "g" }.compactMap { $0.attributes["class"] }
            open.append(Element(
                name: elementName, attributes: attributes, text: "",
                ancestors: open.map(\.name), groupClasses: classes
            ))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !open.isEmpty else { return }
            open[open.count - 1].text += string
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
        ) {
            finished.append(open.removeLast())
        }
    }
}

extension ParsedSVG.Element {
    /// The numeric value of an attribute.
    func number(_ attribute: String) -> Double? {
        attributes[attribute].flatMap(Double.init)
    }

    /// The points of a `polyline`.
    var polylinePoints: [(x: Double, y: Double)] {
        (attributes["points"] ?? "").split(separator: " ").compactMap { pair in
            let coordinates = pair.split(separator: ",").compactMap { Double($0) }
            return coordinates.count == 2 ? (coordinates[0], coordinates[1]) : nil
        }
    }
}
