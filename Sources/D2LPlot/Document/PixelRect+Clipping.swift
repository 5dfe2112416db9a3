extension PixelRect {
    /// The parameters `t0 ≤ t1` in 0…1 between which the segment `a → b` lies inside the
    /// rectangle (Liang–Barsky), or `nil` when it misses it.
    func clip(from a: PixelPoint, to b: PixelPoint) -> (t0: Double, t1: Double)? {
        let dx = b.x - a.x
        let dy = b.y - a.y
        var t0 = 0.0
        var t1 = 1.0
        for (p, q) in [(-dx, a.x - minX), (dx, maxX - a.x), (-dy, a.y - minY), (dy, maxY - a.y)] {
            if p == 0 {
                if q < 0 { return nil }
                continue
            }
            let r = q / p
            if p < 0 {
                if r > t1 { return nil }
                t0 = max(t0, r)
            } else {
                if r < t0 { return nil }
                t1 = min(t1, r)
            }
        }
        return (t0, t1)
    }

    /// The pieces of a polyline that lie inside the rectangle, each with at least two points.
    ///
    /// A `nil` entry breaks the line (a point that cannot be drawn, such as a non-finite value);
    /// segments leaving the rectangle are cut at its edge, so no coordinate in the output lies
    /// outside it.
    func clippedRuns(_ points: [PixelPoint?]) -> [[PixelPoint]] {
        var runs: [[PixelPoint]] = []
        var current: [PixelPoint] = []
        func flush() {
            if current.count >= 2 { runs.append(current) }
            current = []
        }
        var previous: PixelPoint?
        for point in points {
            guard let point else {
                flush()
                previous = nil
                continue
            }
            if let start = previous {
                if let (t0, t1) = clip(from: start, to: point) {
                    if t0 > 0 || current.isEmpty {
                        flush()
                        current = [start.interpolated(to: point, fraction: t0)]
                    }
                    current.append(point.interpolated(to: start, fraction: 1 - t1))
                    if t1 < 1 { flush() }
                } else {
                    flush()
                }
            }
            previous = point
        }
        flush()
        return runs
    }
}

extension PixelPoint {
    /// The point a fraction `t` of the way to `other`; exactly `self` at 0.
    func interpolated(to other: PixelPoint, fraction t: Double) -> PixelPoint {
        t == 0 ? self : PixelPoint(x: x + (other.x - x) * t, y: y + (other.y - y) * t)
    }
}
