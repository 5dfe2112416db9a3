/// A standalone SVG document: a white canvas of a given size and the elements drawn on it.
struct SVGDocument: Sendable {
    /// The canvas size.
    let size: PlotSize
    /// Top-level elements, drawn in order (later ones on top).
    var elements: [SVGElement] = []

    init(size: PlotSize) {
        self.size = size
    }

    /// Appends elements on top of those already drawn.
    mutating func append(_ newElements: [SVGElement]) {
        elements += newElements
    }

    /// The document's markup, with an XML declaration and a trailing newline.
    func rendered() -> String {
        let width = size.width.svgText
        let height = size.height.svgText
        let root = SVGElement(
            "svg",
            [
                ("xmlns", "http://www.w3.org/2000/svg"),
                ("width", width),
                ("height", height),
                ("viewBox", "0 0 \(width) \(height)"),
                ("font-family", "DejaVu Sans, Helvetica, Arial, sans-serif"),
            ],
            children: [.rect(x: 0, y: 0, width: size.width, height: size.height, fill: .white)] + elements
        )
        var output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        root.render(into: &output, depth: 0)
        return output
    }
}
