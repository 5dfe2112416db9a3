/// NumPy broadcasting: shapes are aligned at their last dimension; a dimension of size 1 (or a
/// missing one) stretches to match the other.
public enum Broadcasting {
    /// The shape two operands broadcast to.
    ///
    /// When one operand already has that shape, its array is returned, so the common cases
    /// allocate nothing.
    ///
    /// - Throws: ``TensorError/incompatibleShapes(_:_:operation:)`` when a pair of aligned
    ///   dimensions differ and neither is 1.
    @inlinable
    public static func shape(_ a: [Int], _ b: [Int], operation: String = "broadcast") throws(TensorError) -> [Int] {
        if stretches(b, to: a) { return a }
        if stretches(a, to: b) { return b }
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

    /// Whether `shape` broadcasts to exactly `target`: it has no more axes, and each of its
    /// axes is 1 or equal to the aligned axis of `target`.
    @inlinable
    static func stretches(_ shape: [Int], to target: [Int]) -> Bool {
        guard shape.count <= target.count else { return false }
        let offset = target.count - shape.count
        for axis in shape.indices where shape[axis] != 1 && shape[axis] != target[axis + offset] {
            return false
        }
        return true
    }

    /// Whether `shape`, leading 1s aside, equals the trailing axes of `target`: broadcast to
    /// `target`, it is one contiguous block repeated.
    @inlinable
    static func isTrailingBlock(_ shape: [Int], of target: [Int]) -> Bool {
        var first = 0
        while first < shape.count, shape[first] == 1 { first += 1 }
        let significant = shape.count - first
        guard significant <= target.count else { return false }
        let offset = target.count - significant
        for axis in 0..<significant where shape[first + axis] != target[offset + axis] { return false }
        return true
    }

    /// Visits every position of `target` in row-major order with the matching offsets into
    /// operands of shapes `a` and `b` (each broadcast to `target`).
    ///
    /// Its bookkeeping (strides and position) lives in a temporary allocation on the stack.
    @inlinable
    static func forEachOffset(
        in target: [Int], a: [Int], b: [Int], _ body: (_ index: Int, _ offsetA: Int, _ offsetB: Int) -> Void
    ) {
        let count = target.reduce(1, *)
        guard count > 0 else { return }
        let rank = target.count
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * rank) { storage in
            let stridesA = UnsafeMutableBufferPointer(rebasing: storage[0..<rank])
            let stridesB = UnsafeMutableBufferPointer(rebasing: storage[rank..<2 * rank])
            let position = UnsafeMutableBufferPointer(rebasing: storage[2 * rank..<3 * rank])
            writeStrides(of: a, broadcastTo: target, into: stridesA)
            writeStrides(of: b, broadcastTo: target, into: stridesB)
            position.initialize(repeating: 0)
            var offsetA = 0
            var offsetB = 0
            for index in 0..<count {
                body(index, offsetA, offsetB)
                var axis = rank - 1
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

    /// Writes the row-major strides of `shape` read as broadcast to `target`: 0 along
    /// stretched dimensions.
    @inlinable
    static func writeStrides(of shape: [Int], broadcastTo target: [Int], into strides: UnsafeMutableBufferPointer<Int>) {
        strides.initialize(repeating: 0)
        var step = 1
        let offset = target.count - shape.count
        for axis in shape.indices.reversed() {
            if shape[axis] != 1 { strides[axis + offset] = step }
            step *= shape[axis]
        }
    }
}
