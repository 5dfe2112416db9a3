/// Where a chart draws its legend.
///
/// A legend lists the series that have a name; it is drawn only when at least one has.
public enum LegendPlacement: Hashable, Sendable, CaseIterable {
    /// Inside the plot, at the position among nine (corners, edge centres, centre) that covers
    /// the fewest data points and line segments, as matplotlib's `loc="best"`.
    case best
    /// Inside the plot, top right.
    case upperRight
    /// Inside the plot, top left.
    case upperLeft
    /// Inside the plot, bottom left.
    case lowerLeft
    /// Inside the plot, bottom right.
    case lowerRight
    /// To the right of the plot, which narrows to make room: for many series.
    case outsideRight
    /// No legend.
    case hidden
}
