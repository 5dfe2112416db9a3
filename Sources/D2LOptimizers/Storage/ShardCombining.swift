/// How the processes of a data-parallel group, each stepping one shard of the flattened
/// parameters, combine the numbers a step needs from all of them: every process calls each
/// method at the same point of the same step, and all receive the same result.
///
/// D2LDataParallel implements it on a communicator; one process alone is the identity.
package protocol ShardCombining {
    /// The elementwise sum over processes of `values`.
    func sum(_ values: [Double]) throws(OptimizerError) -> [Double]

    /// The elementwise maximum over processes of `values`.
    func maximum(_ values: [Double]) throws(OptimizerError) -> [Double]
}
