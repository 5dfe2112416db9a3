extension SampledGrid {
    /// The contour lines where the sampled function equals `level`, by marching squares.
    ///
    /// Each grid cell whose corners lie on both sides of the level contributes a segment
    /// between points found by linear interpolation along the cell's edges; ambiguous (saddle)
    /// cells are resolved by the mean of the four corners. Segments are joined into polylines
    /// through the edges they share. A closed line ends with its first point repeated.
    /// Cells with a non-finite corner are skipped, so lines end at them.
    ///
    /// - Complexity: O(number of samples).
    /// - Returns: Polylines in data coordinates, in a deterministic order (by the cell where
    ///   each one is first met, row by row from the lowest y).
    public func contourLines(at level: Double) -> [[PlotPoint]] {
        let segments = contourSegments(at: level)
        guard !segments.isEmpty else { return [] }
        // Each edge is shared by at most two segments: the cells on either side.
        let edgeCount = 2 * x.count * y.count
        var segmentsAtEdge = [(first: Int, second: Int)](repeating: (-1, -1), count: edgeCount)
        for (index, segment) in segments.enumerated() {
            for edge in [segment.0, segment.1] {
                if segmentsAtEdge[edge].first < 0 {
                    segmentsAtEdge[edge].first = index
                } else {
                    segmentsAtEdge[edge].second = index
                }
            }
        }
        var visited = [Bool](repeating: false, count: segments.count)
        /// Follows unvisited segments from `edge`, returning the edges passed, up to `stop`.
        func walk(from edge: Int, stoppingAt stop: Int) -> [Int] {
            var edges: [Int] = []
            var current = edge
            while current != stop {
                let (first, second) = segmentsAtEdge[current]
                let next = [first, second].first { $0 >= 0 && !visited[$0] }
                guard let next else { break }
                visited[next] = true
                let segment = segments[next]
                current = segment.0 == current ? segment.1 : segment.0
                edges.append(current)
            }
            return edges
        }
        var lines: [[PlotPoint]] = []
        for start in segments.indices where !visited[start] {
            visited[start] = true
            let (tail, head) = segments[start]
            var edges = [tail, head] + walk(from: head, stoppingAt: tail)
            if edges.last != tail {
                edges = walk(from: tail, stoppingAt: -1).reversed() + edges
            }
            var points: [PlotPoint] = []
            for edge in edges {
                let point = crossing(ofEdge: edge, at: level)
                if points.last != point { points.append(point) }
            }
            if points.count >= 2 { lines.append(points) }
        }
        return lines
    }

    /// The segments of every cell as pairs of edge identifiers. Edge `2·(j·nx + i)` joins
    /// sample (i, j) to (i + 1, j); edge `2·(j·nx + i) + 1` joins (i, j) to (i, j + 1).
    private func contourSegments(at level: Double) -> [(Int, Int)] {
        let columns = x.count
        var segments: [(Int, Int)] = []
        for j in 0..<(y.count - 1) {
            for i in 0..<(columns - 1) {
                let a = values[j][i], b = values[j][i + 1]
                let c = values[j + 1][i + 1], d = values[j + 1][i]
                guard a.isFinite, b.isFinite, c.isFinite, d.isFinite else { continue }
                let bottom = 2 * (j * columns + i)
                let top = 2 * ((j + 1) * columns + i)
                let left = bottom + 1
                let right = 2 * (j * columns + i + 1) + 1
                let centerAbove = (a + b + c + d) / 4 > level
                let corners = (a > level ? 1 : 0) | (b > level ? 2 : 0) | (c > level ? 4 : 0) | (d > level ? 8 : 0)
                switch corners {
                case 1, 14: segments.append((left, bottom))
                case 2, 13: segments.append((bottom, right))
                case 3, 12: segments.append((left, right))
                case 4, 11: segments.append((right, top))
                case 6, 9: segments.append((bottom, top))
                case 7, 8: segments.append((left, top))
                case 5:
                    segments += centerAbove ? [(bottom, right), (top, left)] : [(left, bottom), (right, top)]
                case 10:
                    segments += centerAbove ? [(left, bottom), (right, top)] : [(bottom, right), (top, left)]
                default: continue
                }
            }
        }
        return segments
    }

    /// The point on `edge` where the linear interpolation of its end values equals `level`.
    private func crossing(ofEdge edge: Int, at level: Double) -> PlotPoint {
        let sample = edge / 2
        let i = sample % x.count
        let j = sample / x.count
        let (i1, j1) = edge % 2 == 0 ? (i + 1, j) : (i, j + 1)
        let start = values[j][i]
        let end = values[j1][i1]
        let t = (level - start) / (end - start)
        return PlotPoint(x: x[i] + t * (x[i1] - x[i]), y: y[j] + t * (y[j1] - y[j]))
    }
}
