import D2LChapters
import D2LSupport
import D2LTraining
import Foundation

/// Prints a sweep as a table (rows γ, columns learning rate), CSV (one row per run) or JSON.
/// Runs that diverged or stalled are written as those words, never as `nan`.
enum SweepFormatter {
    static func format(_ result: SweepResult, as format: OutputFormat) -> String {
        switch format {
        case .text: text(result)
        case .csv: csv(result)
        case .json: json(result)
        }
    }

    /// The table, then a footnote for each word it uses.
    static func text(_ result: SweepResult) -> String {
        var lines = ["\(result.optimizer) on \(result.setting)", "\(result.task.metric) (rows: gamma, columns: lr)"]
        let header = ["gamma \\ lr"] + result.grid.columns.map { $0.map(SweepGrid.label) ?? "section's" }
        let rows = zip(result.grid.rows, result.runs).map { decay, runs in
            [decay.map(SweepGrid.label) ?? "default"] + runs.map(cell)
        }
        let table = [header] + rows
        let widths = header.indices.map { column in table.map { $0[column].count }.max() ?? 0 }
        for row in table {
            let first = row[0].padding(toLength: widths[0], withPad: " ", startingAt: 0)
            let rest = zip(row.dropFirst(), widths.dropFirst()).map { String(repeating: " ", count: $1 - $0.count) + $0 }
            lines.append(([first] + rest).joined(separator: "  "))
        }
        for outcome in [SweepOutcome.diverged, .stalled] where !result.runs(outcome).isEmpty {
            lines.append("\(outcome.rawValue): \(outcome.explanation)")
        }
        if let best = result.best {
            lines.append("lowest \(result.task.metric): \(number(best.finalValue)) (\(best.label))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `lr,gamma,final_loss,status` (training) or `lr,gamma,distance,x1,x2,status` (2D),
    /// numbers in their shortest round-trip form, empty fields for values that do not exist.
    static func csv(_ result: SweepResult) -> String {
        let header = result.task == .train ? "lr,gamma,final_loss,status" : "lr,gamma,distance,x1,x2,status"
        let rows = result.allRuns.map { run in
            var fields = ["\(run.learningRate)", run.decay.map { "\($0)" } ?? "", finite(run.finalValue)]
            if result.task == .trace { fields += (run.finalPoint ?? [.nan, .nan]).map(finite) }
            fields.append(run.outcome.rawValue)
            return fields.joined(separator: ",")
        }
        return ([header] + rows).joined(separator: "\n") + "\n"
    }

    /// One object: the task, the metric, the setting, the grid and every run with its curve.
    static func json(_ result: SweepResult) -> String {
        let runs = result.allRuns.map { run in
            var fields = [
                "\"lr\": \(JSONNumber.format(run.learningRate))",
                "\"gamma\": \(run.decay.map { JSONNumber.format($0) } ?? "null")",
                "\"final\": \(JSONNumber.format(run.finalValue))",
                "\"status\": \"\(run.outcome.rawValue)\"",
            ]
            if let point = run.finalPoint { fields.append("\"final_point\": \(JSONNumber.format(point))") }
            if let step = run.stoppedAtStep { fields.append("\"stopped_at_step\": \(step)") }
            fields.append("\"curve\": \(JSONNumber.format(run.curve))")
            return "{" + fields.joined(separator: ", ") + "}"
        }
        let fields = [
            "\"task\": \"\(result.task.rawValue)\"",
            "\"optimizer\": \(JSONText.string(result.optimizer))",
            "\"metric\": \(JSONText.string(result.task.metric))",
            "\"setting\": \(JSONText.string(result.setting))",
            "\"learning_rates\": \(JSONNumber.format(result.grid.learningRates))",
            "\"gammas\": \(JSONNumber.format(result.grid.decays))",
            "\"runs\": [\(runs.joined(separator: ", "))]",
        ]
        return "{" + fields.joined(separator: ", ") + "}\n"
    }

    private static func cell(_ run: SweepRun) -> String {
        run.outcome == .finished ? number(run.finalValue) : run.outcome.rawValue
    }

    /// Six decimals as the book prints, or three significant digits in exponent form for
    /// values too small or too large for that.
    static func number(_ value: Double) -> String {
        abs(value) >= 1e5 || (abs(value) < 1e-3 && value != 0) ? String(format: "%.3e", value) : String(format: "%.6f", value)
    }

    private static func finite(_ value: Double) -> String {
        value.isFinite ? "\(value)" : ""
    }
}
