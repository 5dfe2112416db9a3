import D2LChapters
import D2LTraining

/// Prints a training result as the book's line or as JSON.
enum TrainingFormatter {
    static func format(_ result: TrainingResult, as format: OutputFormat) -> String {
        switch format {
        case .text, .csv:
            return result.summary + "\n"
        case .json:
            var fields = [
                "\"final_loss\": \(JSONNumber.format(result.finalLoss))",
                "\"sec_per_epoch\": \(JSONNumber.format(result.secondsPerEpoch))",
                "\"losses\": \(JSONNumber.format(result.losses))",
                "\"parameters\": \(JSONNumber.format(result.parameters))",
            ]
            if let step = result.stoppedAtStep { fields.append("\"stopped_at_step\": \(step)") }
            return "{" + fields.joined(separator: ", ") + "}\n"
        }
    }
}
