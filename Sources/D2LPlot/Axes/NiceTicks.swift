/// Round-number ticks for a range of values, as a person would place them by hand.
///
/// On a linear scale the step is 1, 2, 2.5 or 5 × 10ᵏ, the smallest that needs at most
/// `maximumCount` ticks. On a logarithmic scale the ticks are 1, 2, …, 9 × 10ᵏ when that fits,
/// else 1, 2, 5 × 10ᵏ, else powers of ten (every second, third, … power for wide ranges).
/// Labels are built from integer digits, so they never show float noise: a tick at 0.1 + 0.2
/// reads `0.3`, and its value is the double nearest to 0.3.
///
/// ```swift
/// let ticks = NiceTicks(covering: 0.243...0.49)
/// ticks.ticks.map(\.label)   // ["0.20", "0.25", "0.30", "0.35", "0.40", "0.45", "0.50"]
/// ticks.domain               // 0.2...0.5
/// ```
public struct NiceTicks: Hashable, Sendable {
    /// The ticks, in increasing order.
    public let ticks: [Tick]
    /// The range the axis shows: from the first to the last tick when covering, or the given
    /// range when ticking within it.
    public let domain: ClosedRange<Double>

    /// Ticks that cover `range`: the first tick is at or below its lower bound and the last at or
    /// above its upper bound; ``domain`` runs from the first tick to the last. A bound within a
    /// billionth of a step of a tick counts as on it, so float noise (0.6000000000000001) does
    /// not add a tick.
    ///
    /// A range of a single value (or one narrower than 10⁻¹² of its magnitude) is widened by 5 %
    /// of the value on each side, or to −1…1 around zero.
    ///
    /// - Parameters:
    ///   - range: Finite bounds whose difference is finite; positive for a logarithmic scale.
    ///   - scale: The axis scale.
    ///   - maximumCount: At most this many ticks (at least 2 is used); default 7.
    public init(covering range: ClosedRange<Double>, scale: AxisScale = .linear, maximumCount: Int = 7) {
        self.init(range: range, scale: scale, maximumCount: maximumCount, covers: true)
    }

    /// The round-number ticks inside `range` (or within a billionth of a step of its bounds);
    /// ``domain`` is `range` itself (widened as for ``init(covering:scale:maximumCount:)`` when
    /// it has zero width).
    ///
    /// - Parameters:
    ///   - range: Finite bounds whose difference is finite; positive for a logarithmic scale.
    ///   - scale: The axis scale.
    ///   - maximumCount: At most this many ticks (at least 2 is used); default 7.
    public init(within range: ClosedRange<Double>, scale: AxisScale = .linear, maximumCount: Int = 7) {
        self.init(range: range, scale: scale, maximumCount: maximumCount, covers: false)
    }

    private init(range: ClosedRange<Double>, scale: AxisScale, maximumCount: Int, covers: Bool) {
        precondition(
            range.lowerBound.isFinite && (range.upperBound - range.lowerBound).isFinite,
            "tick range must be finite"
        )
        precondition(scale == .linear || range.lowerBound > 0, "a logarithmic range must be positive")
        let widened = Self.widened(range, scale: scale)
        let ticks = switch scale {
        case .linear: Self.linearTicks(widened, maximumCount: max(2, maximumCount), covers: covers)
        case .logarithmic: Self.logarithmicTicks(widened, maximumCount: max(2, maximumCount), covers: covers)
        }
        self.ticks = ticks
        if covers, let first = ticks.first, let last = ticks.last {
            domain = first.value...last.value
        } else {
            domain = widened
        }
    }

    /// `range`, or a neighbourhood of its value when it is (nearly) a single value.
    private static func widened(_ range: ClosedRange<Double>, scale: AxisScale) -> ClosedRange<Double> {
        let magnitude = max(range.lowerBound.magnitude, range.upperBound.magnitude)
        guard range.upperBound - range.lowerBound <= magnitude * 1e-12 else { return range }
        let center = range.lowerBound / 2 + range.upperBound / 2
        switch scale {
        case .linear:
            let half = center == 0 ? 1 : center.magnitude * 0.05
            return (center - half)...(center + half)
        case .logarithmic:
            return (center / 1.1)...(center * 1.1)
        }
    }
}
