import Foundation

/// The hyperparameter grid of a sweep: learning rates (the columns of its heatmap) times
/// decays γ (its rows).
///
/// ```swift
/// let grid = try SweepGrid(learningRates: SweepGrid.parseList("0.001,0.01,0.1", flag: "--lr"),
///                          decays: SweepGrid.parseList("0.9,0.99,1", flag: "--gamma"))
/// ```
///
/// An empty axis stands for one value: the optimizer's own (the section's learning rate, the
/// optimizer's default γ), so a grid over learning rates alone also works for optimizers
/// without a decay, such as Adagrad.
public struct SweepGrid: Sendable, Equatable, Codable {
    /// The learning rates, in the order given; empty for the section's.
    public var learningRates: [Double]
    /// The decays γ, in the order given; empty for the optimizer's default.
    public var decays: [Double]

    /// A grid over `learningRates` × `decays`.
    public init(learningRates: [Double], decays: [Double]) {
        self.learningRates = learningRates
        self.decays = decays
    }

    /// The grid of the section's second exercise: η ∈ {0.001, 0.01, 0.03, 0.1} × γ ∈ {0.5, 0.9,
    /// 0.99, 1}.
    public static let exercise = SweepGrid(learningRates: [0.001, 0.01, 0.03, 0.1], decays: [0.5, 0.9, 0.99, 1])

    /// The learning rate of each column; `nil` for the section's.
    public var columns: [Double?] { learningRates.isEmpty ? [nil] : learningRates.map { $0 } }

    /// The decay of each row; `nil` for the optimizer's default.
    public var rows: [Double?] { decays.isEmpty ? [nil] : decays.map { $0 } }

    /// The number of runs, `rows.count × columns.count`.
    public var runCount: Int { rows.count * columns.count }

    /// Reads a comma-separated list of numbers such as `0.001,0.01,0.1`.
    ///
    /// - Parameters:
    ///   - text: The list; spaces around the numbers are allowed.
    ///   - flag: The flag it came from, named in error messages.
    /// - Throws: ``SweepError/invalidList(flag:text:reason:)`` for an empty list or entry, a
    ///   value that is not a finite number, or a value listed twice.
    public static func parseList(_ text: String, flag: String) throws(SweepError) -> [Double] {
        let entries = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var values: [Double] = []
        for entry in entries {
            guard !entry.isEmpty else {
                throw .invalidList(flag: flag, text: text, reason: "an entry is empty")
            }
            guard let value = Double(entry), value.isFinite else {
                throw .invalidList(flag: flag, text: text, reason: "'\(entry)' is not a finite number")
            }
            guard !values.contains(value) else {
                throw .invalidList(flag: flag, text: text, reason: "\(entry) is listed twice")
            }
            values.append(value)
        }
        return values
    }

    /// A short label for a grid value: the shortest decimal that reads back to it, without a
    /// trailing `.0` (`0.001`, `0.99`, `1`).
    public static func label(_ value: Double) -> String {
        let text = "\(value)"
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}
