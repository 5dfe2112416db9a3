import Foundation

/// How values map to positions along an axis.
public enum AxisScale: Hashable, Sendable, CaseIterable {
    /// Equal differences take equal lengths.
    case linear
    /// Equal ratios take equal lengths (base 10). Only positive values can be drawn; others
    /// are skipped like non-finite ones.
    case logarithmic

    /// Whether `value` can be placed on an axis with this scale.
    func canPlot(_ value: Double) -> Bool {
        switch self {
        case .linear: value.isFinite
        case .logarithmic: value.isFinite && value > 0
        }
    }

    /// The value in the scale's linear space (itself, or its base-10 logarithm).
    func transform(_ value: Double) -> Double {
        switch self {
        case .linear: value
        case .logarithmic: log10(value)
        }
    }
}
