/// A point on the canvas, in pixels from the top-left corner.
struct PixelPoint: Hashable, Sendable {
    var x: Double
    var y: Double
}
