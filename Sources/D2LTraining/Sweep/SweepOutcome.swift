/// How a run of a sweep ended, judged from its curve (the recorded losses, or f(x) along the
/// path) so that a table can say it in words instead of printing `nan`.
public enum SweepOutcome: String, Sendable, Codable, CaseIterable {
    /// The run moved away from its start and stayed bounded.
    case finished
    /// A value became non-finite, or rose above ``divergenceFactor`` times the start.
    case diverged
    /// The final value is within ``stallTolerance`` (relative) of the start: no progress.
    case stalled

    /// A value above this multiple of the starting value counts as divergence: 1000.
    public static let divergenceFactor = 1000.0
    /// A final value within this fraction of the starting value counts as a stall: 1 %.
    public static let stallTolerance = 0.01

    /// Judges a curve whose first element is the value at the start.
    ///
    /// ```swift
    /// SweepOutcome(curve: [0.49, 0.30, 0.25])          // .finished
    /// SweepOutcome(curve: [0.49, 120, 6e5])            // .diverged (above 490)
    /// SweepOutcome(curve: [0.49, 0.489, 0.488])        // .stalled
    /// ```
    ///
    /// - Parameters:
    ///   - curve: The values, start first; an empty curve counts as stalled.
    ///   - stoppedOnNonFiniteValue: The run stopped early because a value was not finite.
    public init(curve: [Double], stoppedOnNonFiniteValue: Bool = false) {
        guard let start = curve.first, let final = curve.last else {
            self = stoppedOnNonFiniteValue ? .diverged : .stalled
            return
        }
        let limit = Self.divergenceFactor * abs(start)
        if stoppedOnNonFiniteValue || curve.contains(where: { !$0.isFinite || abs($0) > limit }) {
            self = .diverged
        } else if abs(final - start) <= Self.stallTolerance * abs(start) {
            self = .stalled
        } else {
            self = .finished
        }
    }

    /// What the word means, for a table's footnote.
    public var explanation: String {
        switch self {
        case .finished: "the run made progress and stayed bounded"
        case .diverged: "a value became non-finite or rose above \(Int(Self.divergenceFactor)) times its start"
        case .stalled: "the final value is within \(Int(Self.stallTolerance * 100))% of the start"
        }
    }
}
