/// A sequential colour map: a function from 0…1 to colours, piecewise linear between anchors.
///
/// ```swift
/// Colormap.viridis.color(at: 0)     // #440154, dark purple
/// Colormap.viridis.color(at: 1)     // #fde725, yellow
/// ```
public struct Colormap: Hashable, Sendable {
    /// The colours at evenly spaced positions from 0 to 1; at least two.
    public let anchors: [Color]

    /// Creates a map through `anchors`, evenly spaced; a single colour is used everywhere.
    ///
    /// - Precondition: `anchors` is not empty.
    public init(anchors: [Color]) {
        precondition(!anchors.isEmpty, "a colormap needs at least one colour")
        self.anchors = anchors.count == 1 ? [anchors[0], anchors[0]] : anchors
    }

    /// The colour at `position`, clamped to 0…1; a non-finite position gives the colour at 0.
    public func color(at position: Double) -> Color {
        let t = position.isFinite ? min(max(position, 0), 1) : 0
        let scaled = t * Double(anchors.count - 1)
        let index = min(Int(scaled), anchors.count - 2)
        return anchors[index].interpolated(to: anchors[index + 1], fraction: scaled - Double(index))
    }

    /// The part of this map between `lower` and `upper` (0…1), stretched to 0…1; for example
    /// `viridis.truncated(0, 0.9)` avoids the palest yellow on a white background.
    public func truncated(_ lower: Double, _ upper: Double) -> Colormap {
        let steps = 16
        return Colormap(anchors: (0...steps).map { step in
            color(at: lower + (upper - lower) * Double(step) / Double(steps))
        })
    }

    /// matplotlib's default map, viridis (perceptually uniform, readable in grey scale and by
    /// colour-blind readers), sampled at 17 of its 256 entries (every 16th and the last).
    ///
    /// Viridis is by Nathaniel J. Smith, Stefan van der Walt and Eric Firing, released under CC0.
    public static let viridis = Colormap(anchors: [
        "#440154", "#48186a", "#472d7b", "#424086", "#3b528b", "#33638d", "#2c728e", "#26828e", "#21918c",
        "#1fa088", "#28ae80", "#3fbc73", "#5ec962", "#84d44b", "#addc30", "#d8e219", "#fde725",
    ].map { Color(hex: $0)! })
}
