import Foundation

extension NiceTicks {
    /// Leading digits of the candidate tick sets, finest first.
    private static let significandSets: [[Int]] = [Array(1...9), [1, 2, 5], [1]]

    static func logarithmicTicks(_ range: ClosedRange<Double>, maximumCount: Int, covers: Bool) -> [Tick] {
        let lowestPower = Int(log10(range.lowerBound).rounded(.down)) - 1
        let highestPower = Int(log10(range.upperBound).rounded(.up)) + 1
        for significands in significandSets {
            var candidates: [(significand: Int, power: Int)] = []
            for power in lowestPower...highestPower {
                for significand in significands { candidates.append((significand, power)) }
            }
            let chosen = select(candidates, in: range, covers: covers)
            if chosen.count <= maximumCount || significands == [1] {
                let thinned = thin(chosen, in: range, maximumCount: maximumCount, covers: covers)
                return labelled(thinned)
            }
        }
        preconditionFailure("the last set of significands is always accepted")
    }

    private static func value(_ significand: Int, _ power: Int) -> Double {
        .nearest(to: significand, exponent: power)
    }

    /// The candidates from the last at or below the lower bound to the first at or above the
    /// upper bound (covering), or those inside the range.
    private static func select(
        _ candidates: [(significand: Int, power: Int)], in range: ClosedRange<Double>, covers: Bool
    ) -> [(significand: Int, power: Int)] {
        let values = candidates.map { value($0.significand, $0.power) }
        // A relative billionth of slack, so float noise in the data does not add a tick.
        let slack = 1e-9
        guard covers else {
            let widened = (range.lowerBound * (1 - slack))...(range.upperBound * (1 + slack))
            return zip(candidates, values).filter { widened.contains($0.1) }.map(\.0)
        }
        let first = values.lastIndex { $0 <= range.lowerBound * (1 + slack) } ?? 0
        let last = values.firstIndex { $0 >= range.upperBound * (1 - slack) } ?? values.count - 1
        return Array(candidates[first...last])
    }

    /// Powers of ten reduced to every n-th power (multiples of n) until at most `maximumCount`
    /// remain; covering ticks are extended outwards to the next multiple.
    private static func thin(
        _ ticks: [(significand: Int, power: Int)], in range: ClosedRange<Double>, maximumCount: Int, covers: Bool
    ) -> [(significand: Int, power: Int)] {
        guard ticks.count > maximumCount, let low = ticks.first?.power, let high = ticks.last?.power else {
            return ticks
        }
        var stride = 2
        while true {
            let first = Int((Double(low) / Double(stride)).rounded(covers ? .down : .up)) * stride
            let last = Int((Double(high) / Double(stride)).rounded(covers ? .up : .down)) * stride
            let powers = Swift.stride(from: first, through: last, by: stride)
            if powers.underestimatedCount <= maximumCount || first >= last {
                return powers.map { (1, $0) }
            }
            stride += 1
        }
    }

    /// Plain decimals when every tick lies in 10⁻⁴…10⁵, else `10ⁿ` and `d×10ⁿ`.
    private static func labelled(_ ticks: [(significand: Int, power: Int)]) -> [Tick] {
        let plain = ticks.allSatisfy { (-4...5).contains($0.power) }
        return ticks.map { significand, power in
            Tick(
                value: value(significand, power),
                label: plain
                    ? DecimalLabel.fixed(significand, exponent: power, decimals: max(0, -power))
                    : DecimalLabel.scientific(significand, exponent: power)
            )
        }
    }
}
