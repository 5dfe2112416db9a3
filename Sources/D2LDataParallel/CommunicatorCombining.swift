import D2LDistributed
import D2LOptimizers

/// The sums and maxima a sharded optimizer step needs, through a communicator's allreduce; a
/// failure of communication becomes ``OptimizerError/communication(_:)`` with its one-line
/// message.
struct CommunicatorCombining: ShardCombining {
    let communicator: any Communicator

    func sum(_ values: [Double]) throws(OptimizerError) -> [Double] {
        try reduce(values, .sum)
    }

    func maximum(_ values: [Double]) throws(OptimizerError) -> [Double] {
        try reduce(values, .maximum)
    }

    private func reduce(_ values: [Double], _ operation: ReductionOperation) throws(OptimizerError) -> [Double] {
        var values = values
        do {
            try communicator.allreduce(&values, operation)
        } catch {
            throw .communication(error.description)
        }
        return values
    }
}
