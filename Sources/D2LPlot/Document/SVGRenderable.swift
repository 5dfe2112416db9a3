/// A figure that renders itself as a standalone SVG document.
///
/// ``LineChart``, ``ContourPlot`` and ``Heatmap`` conform. Rendering is a pure function of the
/// value: the same figure gives the same bytes on every run and every platform (numbers are
/// written with a fixed number of decimals, independent of the locale, and nothing depends on
/// hashing order or the clock). The output is well-formed XML: text is escaped, and characters
/// XML 1.0 forbids are dropped.
///
/// ```swift
/// let chart = LineChart(title: "loss", series: [Series("train", x: [0, 1, 2], y: [0.5, 0.3, 0.25])])
/// try chart.write(to: URL(filePath: "loss.svg"))
/// ```
public protocol SVGRenderable: Sendable {
    /// The complete SVG document, starting with `<svg` and ending with a newline.
    func svg() -> String
}
