/// One element of an SVG tree: a name, attributes in the order given, children and text.
///
/// Attribute values and text are escaped when the tree is rendered, so callers pass raw strings.
struct SVGElement: Sendable {
    /// The tag name, such as `line` or `g`.
    var name: String
    /// Attributes, written in this order (deterministic output).
    var attributes: [(name: String, value: String)]
    /// Child elements, written in order; ignored when ``text`` is set.
    var children: [SVGElement]
    /// Character content; an element has either children or text.
    var text: String?

    init(
        _ name: String,
        _ attributes: [(name: String, value: String)] = [],
        children: [SVGElement] = [],
        text: String? = nil
    ) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    /// Appends the element's markup, indented by `depth` levels, to `output`.
    func render(into output: inout String, depth: Int) {
        output += String(repeating: "  ", count: depth)
        output += "<" + name
        for attribute in attributes {
            output += " " + attribute.name + "=\"" + attribute.value.xmlEscaped + "\""
        }
        if let text {
            output += ">" + text.xmlEscaped + "</" + name + ">\n"
        } else if children.isEmpty {
            output += "/>\n"
        } else {
            output += ">\n"
            for child in children {
                child.render(into: &output, depth: depth + 1)
            }
            output += String(repeating: "  ", count: depth) + "</" + name + ">\n"
        }
    }
}
