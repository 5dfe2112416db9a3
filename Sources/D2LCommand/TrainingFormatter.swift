import D2LChapters
import D2LTraining

/// Prints a training result as the book's line or as JSON.
enum TrainingFormatter {
    /// The result; JSON adds `world_size` and `optimizer_state_bytes_per_rank` when given (a
    /// data-parallel run).
    static func format(
        _ result: TrainingResult, as format: OutputFormat, worldSize: Int? = nil, optimizerStateBytesPerRank: Int? = nil
    ) -> String {
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
            if let worldSize { fields.append("\"world_size\": \(worldSize)") }
            if let bytes = optimizerStateBytesPerRank { fields.append("\"optimizer_state_bytes_per_rank\": \(bytes)") }
            return "{" + fields.joined(separator: ", ") + "}\n"
        }
    }
}
