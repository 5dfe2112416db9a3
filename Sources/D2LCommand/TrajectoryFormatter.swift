import D2LChapters
import D2LTraining
import Foundation

/// Prints a trajectory as the book's line, CSV or JSON. Numbers in CSV and JSON use the
/// shortest form that reads back to the same `Double`.
enum TrajectoryFormatter {
    static func format(_ trajectory: Trajectory, as format: OutputFormat) -> String {
        switch format {
        case .text:
            return trajectory.summary + "\n"
        case .csv:
            let rows = trajectory.points.enumerated().map { step, point in "\(step),\(point[0]),\(point[1])" }
            return (["step,x1,x2"] + rows).joined(separator: "\n") + "\n"
        case .json:
            let points = trajectory.points.map { "[\(JSONNumber.format($0[0])), \(JSONNumber.format($0[1]))]" }
            let final = trajectory.final
            return "{\"trajectory\": [\(points.joined(separator: ", "))], \"final\": [\(JSONNumber.format(final[0])), \(JSONNumber.format(final[1]))]}\n"
        }
    }
}

/// JSON numbers: the shortest round-trip form, with non-finite values as `null`.
enum JSONNumber {
    static func format(_ value: Double) -> String {
        value.isFinite ? "\(value)" : "null"
    }

    static func format(_ values: [Double]) -> String {
        "[" + values.map { format($0) }.joined(separator: ", ") + "]"
    }
}
