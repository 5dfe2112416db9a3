import RealModule

extension RandomNumberGenerator {
    /// A uniform integer in `0..<upperBound`, without modulo bias (Lemire's multiply-and-reject).
    public mutating func nextIndex(below upperBound: Int) -> Int {
        precondition(upperBound > 0, "upper bound must be positive")
        let bound = UInt64(upperBound)
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold { product = next().multipliedFullWidth(by: bound) }
        }
        return Int(product.high)
    }

    /// A uniform `Double` in `[0, 1)` with 53 random bits.
    public mutating func nextUnitInterval() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Two independent standard normal samples by Marsaglia's polar method.
    ///
    /// Uses only `log` and a square root, in `Double`.
    public mutating func nextStandardNormalPair() -> (Double, Double) {
        while true {
            let u = 2 * nextUnitInterval() - 1
            let v = 2 * nextUnitInterval() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                let factor = (-2 * Double.log(s) / s).squareRoot()
                return (u * factor, v * factor)
            }
        }
    }

    /// The indices `0..<count` in a uniformly random order (Fisher–Yates, from the end).
    public mutating func permutation(count: Int) -> [Int] {
        var indices = Array(0..<count)
        shuffle(&indices)
        return indices
    }

    /// Shuffles `indices` in place in a uniformly random order (Fisher–Yates, from the end).
    public mutating func shuffle(_ indices: inout [Int]) {
        guard indices.count > 1 else { return }
        for i in stride(from: indices.count - 1, to: 0, by: -1) {
            indices.swapAt(i, nextIndex(below: i + 1))
        }
    }
}
