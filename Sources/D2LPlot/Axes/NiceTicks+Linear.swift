import Foundation

extension NiceTicks {
    /// A linear step `significand × 10^exponent`, with significand 10, 20, 25 or 50 so every
    /// tick is an integer times a power of ten.
    private struct Step {
        let significand: Int
        let exponent: Int

        var size: Double { value(atIndex: 1) }

        /// The tick `index × step`: the double nearest to that decimal, read from its digits.
        func value(atIndex index: Int) -> Double {
            .nearest(to: index * significand, exponent: exponent)
        }

        /// The step after this one: 1, 2, 2.5, 5, 10, 20, … × 10ᵏ.
        var next: Step {
            switch significand {
            case 10: Step(significand: 20, exponent: exponent)
            case 20: Step(significand: 25, exponent: exponent)
            case 25: Step(significand: 50, exponent: exponent)
            default: Step(significand: 10, exponent: exponent + 1)
            }
        }
    }

    static func linearTicks(_ range: ClosedRange<Double>, maximumCount: Int, covers: Bool) -> [Tick] {
        let (lower, upper) = (range.lowerBound, range.upperBound)
        let roughStep = (upper - lower) / Double(maximumCount)
        var step = Step(significand: 10, exponent: Int(log10(roughStep).rounded(.down)) - 2)
        while true {
            let indices = indexRange(lower, upper, step: step, covers: covers)
            if indices.count <= maximumCount {
                return labelled(indices, step: step)
            }
            step = step.next
        }
    }

    /// The indices of the ticks of `step` covering, or inside, `lower…upper`.
    private static func indexRange(_ lower: Double, _ upper: Double, step: Step, covers: Bool) -> Range<Int> {
        let size = step.size
        // Values within a billionth of a step of a tick count as on it: float noise in the data
        // (0.6000000000000001) must not add a tick.
        let slack = size * 1e-9 * (covers ? 1 : -1)
        let (lower, upper) = (lower + slack, upper - slack)
        var first = Int((lower / size).rounded(covers ? .down : .up))
        var last = Int((upper / size).rounded(covers ? .up : .down))
        // Correct the division's rounding against the exact tick values.
        if covers {
            while step.value(atIndex: first) > lower { first -= 1 }
            while step.value(atIndex: first + 1) <= lower { first += 1 }
            while step.value(atIndex: last) < upper { last += 1 }
            while step.value(atIndex: last - 1) >= upper { last -= 1 }
        } else {
            while step.value(atIndex: first) < lower { first += 1 }
            while step.value(atIndex: first - 1) >= lower { first -= 1 }
            while step.value(atIndex: last) > upper { last -= 1 }
            while step.value(atIndex: last + 1) <= upper { last += 1 }
        }
        return first..<max(first, last + 1)
    }

    /// Ticks with labels sharing one number of decimals (`0.00, 0.25, 0.50`), or in scientific
    /// form when the ticks are all tiny or some are huge.
    private static func labelled(_ indices: Range<Int>, step: Step) -> [Tick] {
        let values = indices.map { step.value(atIndex: $0) }
        let largest = values.map(\.magnitude).max() ?? 0
        let scientific = largest >= 1e6 || largest < 1e-3
        let decimals = max(0, -step.exponent - (step.significand % 10 == 0 ? 1 : 0))
        return zip(indices, values).map { index, value in
            let integer = index * step.significand
            let label = scientific
                ? DecimalLabel.scientific(integer, exponent: step.exponent)
                : DecimalLabel.fixed(integer, exponent: step.exponent, decimals: decimals)
            return Tick(value: value, label: label)
        }
    }
}
