extension Heatmap {
    private static let tickFontSize = PlotFrame.tickFontSize
    private static let labelFontSize = PlotFrame.labelFontSize
    private static let barWidth = 18.0
    private static let keyRowHeight = 22.0

    /// The heatmap as an SVG document: cells with their values or marks, row and column
    /// labels, a colour bar for the values, a key for marked cells, and the title.
    public func svg() -> String {
        let allCells = cells.joined()
        let values = allCells.compactMap { cell -> Double? in
            if case let .value(value) = cell, colorScale.canPlot(value) { value } else { nil }
        }
        let colorTicks = ResolvedAxis.extent(of: values).map(ResolvedAxis.limited).map {
            NiceTicks(within: $0, scale: colorScale, maximumCount: 6)
        }
        let marked = HeatmapCell.markedKinds.filter { kind in allCells.contains(kind) }

        // Margins: labels on the left, the colour bar and key on the right.
        let top = title.isEmpty ? 16 : 20 + PlotFrame.titleFontSize + 14
        let widestRowLabel = rowLabels.map { TextMetrics.width(of: $0, size: Self.tickFontSize) }.max() ?? 0
        var left = 12 + (rowAxisLabel.isEmpty ? 0 : Self.labelFontSize + 12) + widestRowLabel + 8
        let widestBarLabel = colorTicks?.ticks.map { TextMetrics.width(of: $0.label, size: Self.tickFontSize) }.max() ?? 0
        let barBlock = colorTicks == nil ? 0
            : 16 + Self.barWidth + 9 + widestBarLabel + (colorBarLabel.isEmpty ? 0 : 12 + Self.labelFontSize) + 12
        let widestKey = marked.map { TextMetrics.width(of: $0.markLabel, size: Self.tickFontSize) }.max() ?? 0
        let keyBlock = marked.isEmpty ? 0 : 16 + 16 + 6 + widestKey + 12
        let right = max(20, barBlock, keyBlock)
        let columns = Double(max(1, columnLabels.count))
        var cellsWidth = max(20, size.width - left - right)
        let widestColumnLabel = columnLabels.map { TextMetrics.width(of: $0, size: Self.tickFontSize) }.max() ?? 0
        let rotatesColumnLabels = widestColumnLabel > cellsWidth / columns - 6
        if rotatesColumnLabels {
            // Slanted labels reach left of their column: keep the first one on the canvas.
            let overhang = (widestColumnLabel + Self.tickFontSize) * 0.71 - cellsWidth / columns / 2 + 8
            if overhang > left {
                left = overhang
                cellsWidth = max(20, size.width - left - right)
            }
        }
        let columnLabelHeight = rotatesColumnLabels ? (widestColumnLabel + Self.tickFontSize) * 0.71 : Self.tickFontSize
        let bottom = 8 + columnLabelHeight + (columnAxisLabel.isEmpty ? 10 : 10 + Self.labelFontSize + 10)
        let cellsRect = PixelRect(x: left, y: top, width: cellsWidth, height: max(20, size.height - top - bottom))
        let cellHeight = cellsRect.height / Double(max(1, rowLabels.count))

        var document = SVGDocument(size: size)
        document.append(cellElements(in: cellsRect, colorTicks: colorTicks))
        document.append(labelElements(in: cellsRect, rotatesColumnLabels: rotatesColumnLabels, cellHeight: cellHeight))
        let keyHeight = marked.isEmpty ? 0 : Double(marked.count) * Self.keyRowHeight + 12
        if let colorTicks {
            let bar = PixelRect(
                x: cellsRect.maxX + 16, y: cellsRect.minY,
                width: Self.barWidth, height: max(40, cellsRect.height - keyHeight)
            )
            document.append(colorBarElements(bar, ticks: colorTicks, labelX: bar.maxX + 9 + widestBarLabel + 12))
        }
        document.append(keyElements(marked, x: cellsRect.maxX + 16, bottom: cellsRect.maxY))
        if !title.isEmpty {
            document.append([.text(
                title, at: PixelPoint(x: cellsRect.minX + cellsRect.width / 2, y: 20 + PlotFrame.titleFontSize / 2),
                size: PlotFrame.titleFontSize, weight: "bold"
            )])
        }
        return document.rendered()
    }

    /// The cells: colour and value, or the mark of their kind.
    private func cellElements(in area: PixelRect, colorTicks: NiceTicks?) -> [SVGElement] {
        let cellWidth = area.width / Double(max(1, columnLabels.count))
        let cellHeight = area.height / Double(max(1, rowLabels.count))
        let texts = cells.map { row in
            row.map { cell in
                if case let .value(value) = cell { DecimalLabel.significant(value, digits: significantDigits) }
                else { cell.markLabel }
            }
        }
        // One font size for every cell: the largest at which each text fits its cell.
        var fontSize = min(14, cellHeight * 0.42)
        let widest = texts.joined().map { TextMetrics.width(of: $0, size: 1) }.max() ?? 0
        if widest > 0 { fontSize = max(7, min(fontSize, (cellWidth - 8) / widest)) }

        var elements: [SVGElement] = []
        var labels: [SVGElement] = []
        for (rowIndex, row) in cells.enumerated() {
            for (columnIndex, cell) in row.enumerated() {
                let rect = PixelRect(
                    x: area.minX + Double(columnIndex) * cellWidth, y: area.minY + Double(rowIndex) * cellHeight,
                    width: cellWidth, height: cellHeight
                )
                let center = PixelPoint(x: rect.minX + rect.width / 2, y: rect.minY + rect.height / 2)
                let text = texts[rowIndex][columnIndex]
                if case let .value(value) = cell {
                    let color = colormap.color(at: colorPosition(of: value, ticks: colorTicks))
                    elements.append(.rect(
                        x: rect.x, y: rect.y, width: rect.width, height: rect.height, fill: color,
                        stroke: .white, strokeWidth: 1.5
                    ))
                    let textColor: Color = color.luminance > 0.5 ? .ink : .white
                    labels.append(.text(text, at: center, size: fontSize, color: textColor))
                } else {
                    elements += cell.markElements(in: rect)
                    elements.append(.rect(
                        x: rect.x, y: rect.y, width: rect.width, height: rect.height, fill: nil,
                        stroke: .white, strokeWidth: 1.5
                    ))
                    // A light plate under the word keeps it readable over the hatching.
                    let plateWidth = TextMetrics.width(of: text, size: fontSize) + 8
                    labels.append(.rect(
                        x: center.x - plateWidth / 2, y: center.y - fontSize * 0.7 - 1,
                        width: plateWidth, height: fontSize * 1.4 + 2, fill: .white, opacity: 0.85
                    ))
                    labels.append(.text(text, at: center, size: fontSize, color: cell.markInk.text))
                }
            }
        }
        return [.group([("class", "cells")], elements), .group([("class", "cell-labels")], labels)]
    }

    /// The position of `value` in the colour map: 0 at the colour bar's lower end, 1 at its
    /// upper end, 0 for a value the colour scale cannot show.
    private func colorPosition(of value: Double, ticks: NiceTicks?) -> Double {
        guard let ticks, colorScale.canPlot(value) else { return 0 }
        let low = colorScale.transform(ticks.domain.lowerBound)
        let high = colorScale.transform(ticks.domain.upperBound)
        return (colorScale.transform(value) - low) / (high - low)
    }

    /// Row labels beside each row, column labels below each column (slanted when they do not
    /// fit the cell width), and the two axis labels.
    private func labelElements(in area: PixelRect, rotatesColumnLabels: Bool, cellHeight: Double) -> [SVGElement] {
        let cellWidth = area.width / Double(max(1, columnLabels.count))
        var elements: [SVGElement] = []
        for (index, label) in rowLabels.enumerated() {
            let center = PixelPoint(x: area.minX - 8, y: area.minY + (Double(index) + 0.5) * cellHeight)
            elements.append(.text(label, at: center, size: Self.tickFontSize, anchor: .end))
        }
        for (index, label) in columnLabels.enumerated() {
            let x = area.minX + (Double(index) + 0.5) * cellWidth
            if rotatesColumnLabels {
                elements.append(.text(
                    label, at: PixelPoint(x: x + 4, y: area.maxY + 12), size: Self.tickFontSize,
                    anchor: .end, rotation: -45
                ))
            } else {
                elements.append(.text(
                    label, at: PixelPoint(x: x, y: area.maxY + 8 + Self.tickFontSize / 2), size: Self.tickFontSize
                ))
            }
        }
        if !columnAxisLabel.isEmpty {
            let y = size.height - 10 - Self.labelFontSize / 2
            elements.append(.text(
                columnAxisLabel, at: PixelPoint(x: area.minX + area.width / 2, y: y), size: Self.labelFontSize
            ))
        }
        if !rowAxisLabel.isEmpty {
            elements.append(.text(
                rowAxisLabel, at: PixelPoint(x: 12 + Self.labelFontSize / 2, y: area.minY + area.height / 2),
                size: Self.labelFontSize, rotation: -90
            ))
        }
        return [.group([("class", "labels")], elements)]
    }

    /// A vertical colour bar, low values at the bottom, with ticks and its label.
    private func colorBarElements(_ bar: PixelRect, ticks: NiceTicks, labelX: Double) -> [SVGElement] {
        let steps = 64
        let stepHeight = bar.height / Double(steps)
        var elements: [SVGElement] = (0..<steps).map { step in
            // Each band overlaps the next by half a pixel so no seams show.
            .rect(
                x: bar.x, y: bar.maxY - Double(step + 1) * stepHeight, width: bar.width,
                height: stepHeight + (step < steps - 1 ? 0.5 : 0),
                fill: colormap.color(at: (Double(step) + 0.5) / Double(steps))
            )
        }
        elements.append(.rect(x: bar.x, y: bar.y, width: bar.width, height: bar.height, fill: nil, stroke: .ink))
        for tick in ticks.ticks {
            let y = bar.maxY - colorPosition(of: tick.value, ticks: ticks) * bar.height
            elements.append(.line(
                from: PixelPoint(x: bar.maxX, y: y), to: PixelPoint(x: bar.maxX + 5, y: y), stroke: .ink, width: 1
            ))
            elements.append(.text(
                tick.label, at: PixelPoint(x: bar.maxX + 9, y: y), size: Self.tickFontSize, anchor: .start
            ))
        }
        if !colorBarLabel.isEmpty {
            elements.append(.text(
                colorBarLabel, at: PixelPoint(x: labelX, y: bar.minY + bar.height / 2),
                size: Self.labelFontSize, rotation: -90
            ))
        }
        return [.group([("class", "color-bar")], elements)]
    }

    /// A swatch and a word for each kind of marked cell, stacked up from `bottom`.
    private func keyElements(_ kinds: [HeatmapCell], x: Double, bottom: Double) -> [SVGElement] {
        guard !kinds.isEmpty else { return [] }
        var elements: [SVGElement] = []
        for (index, kind) in kinds.enumerated() {
            let centerY = bottom - (Double(kinds.count - index) - 0.5) * Self.keyRowHeight
            let swatch = PixelRect(x: x, y: centerY - 8, width: 16, height: 16)
            elements += kind.markElements(in: swatch)
            elements.append(.text(
                kind.markLabel, at: PixelPoint(x: swatch.maxX + 6, y: centerY), size: Self.tickFontSize,
                anchor: .start
            ))
        }
        return [.group([("class", "key")], elements)]
    }
}
