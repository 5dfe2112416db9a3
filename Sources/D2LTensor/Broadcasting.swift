/// NumPy broadcasting: shapes are aligned at their last dimension; a dimension of size 1 (or a
/// missing one) stretches to match the other.
public enum Broadcasting {
    /// The shape two operands broadcast to.
    ///
    /// - Throws: ``TensorError/incompatibleShapes(_:_:operation:)`` when a pair of aligned
    ///   dimensions differ and neither is 1.
    @inlinable
    public static func shape(_ a: [Int], _ b: [Int], operation: String = "broadcast") throws(TensorError) -> [Int] {
        let rank = max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for axis in 0..<rank {
            let da = axis < rank - a.count ? 1 : a[axis - (rank - a.count)]
            let db = axis < rank - b.count ? 1 : b[axis - (rank - b.count)]
            guard da == db || da == 1 || db == 1 else {
                throw .incompatibleShapes(a, b, operation: operation)
            }
            result[axis] = da == 1 ? db : da
        }
        return result
    }

    /// Row-major strides of `shape` read as broadcast to `target`: 0 along stretched dimensions.
    @inlinable
    static func strides(of shape: [Int], broadcastTo target: [Int]) -> [Int] {
        var strides = [Int](repeating: 0, count: target.count)
        var step = 1
        let offset = target.count - shape.count
        for axis in shape.indices.reversed() {
            if shape[axis] != 1 { strides[axis + offset] = step }
            step *= shape[axis]
        }
        return strides
    }

    /// Visits every position of `target` in row-major order with the matching offsets into
    /// operands of shapes `a` and `b` (each broadcast to `target`).
    @inlinable
    static func forEachOffset(
        in target: [Int], a: [Int], b: [Int], _ body: (_ index: Int, _ offsetA: Int, _ offsetB: Int) -> Void
    ) {
        let count = target.reduce(1, *)
        guard count > 0 else { return }
        let stridesA = strides(of: a, broadcastTo: target)
        let stridesB = strides(of: b, broadcastTo: target)
        var position = [Int](repeating: 0, count: target.count)
        var offsetA = 0
        var offsetB = 0
        for index in 0..<count {
            body(index, offsetA, offsetB)
            var axis = target.count - 1
            while axis >= 0 {
                position[axis] += 1
                offsetA += stridesA[axis]
                offsetB += stridesB[axis]
                if position[axis] < target[axis] { break }
                offsetA -= stridesA[axis] * target[axis]
                offsetB -= stridesB[axis] * target[axis]
                position[axis] = 0
                axis -= 1
            }
        }
    }
}
