extension LineChart {
    /// The chart as an SVG document: grid, series, frame with ticks and labels, legend, title.
    public func svg() -> String {
        let extents = PlotFrame.extents(of: series, xScale: xAxis.scale, yScale: yAxis.scale)
        let legendEntries = Legend.entries(for: series, cycle: Color.tab10)
        let frame = PlotFrame(
            title: title, size: size, xAxis: xAxis, yAxis: yAxis, xExtent: extents.x, yExtent: extents.y,
            rightReserve: legend == .outsideRight ? Legend.outsideWidth(legendEntries) : 0
        )
        let drawn = frame.draw(series, cycle: Color.tab10)
        var document = SVGDocument(size: size)
        document.append(frame.gridElements())
        document.append([.group([("class", "series")], drawn.elements)])
        document.append(frame.frameElements())
        document.append(Legend(entries: legendEntries).elements(
            placement: legend, plotRect: frame.plotRect, obstacles: drawn.obstacles
        ))
        return document.rendered()
    }
}
