/// The size of a figure in SVG user units (CSS pixels).
public struct PlotSize: Hashable, Sendable {
    /// The width; at least 160.
    public let width: Double
    /// The height; at least 120.
    public let height: Double

    /// Creates a size; values below the minimum (160 × 120) are raised to it so the frame,
    /// labels and title always fit.
    public init(width: Double, height: Double) {
        self.width = max(160, width.isFinite ? width : 160)
        self.height = max(120, height.isFinite ? height : 120)
    }

    /// 640 × 460, the aspect ratio of the book's figures (3.5 × 2.5 inches).
    public static let standard = PlotSize(width: 640, height: 460)
}
