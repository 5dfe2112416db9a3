/// A ``SeriesStyle`` with every choice made: the colour and dash taken from the cycles.
struct ResolvedStyle: Sendable {
    let color: Color
    let dash: LineDash
    let lineWidth: Double
    let marker: Marker
    let markerSize: Double

    /// The style of the series at `index`: unset colours come from `cycle`; unset dashes are
    /// solid for the first round of the cycle, then dashed, dotted and dash-dot.
    init(_ style: SeriesStyle, index: Int, cycle: [Color]) {
        color = style.color ?? cycle[index % cycle.count]
        let dashes: [LineDash] = [.solid, .dashed, .dotted, .dashDot]
        dash = style.dash ?? dashes[(index / cycle.count) % dashes.count]
        lineWidth = style.lineWidth
        marker = style.marker
        markerSize = style.markerSize
    }
}
