import D2LDistributed
import D2LOptimizers

extension DataParallel {
    /// The optimizer's whole snapshot, every rank's shard of the state put together: what one
    /// process training the same model would snapshot, restorable at any world size (with
    /// ``restore(from:)``) or into an optimizer of one process (`Optimizer.restore(from:)`).
    ///
    /// A collective: every rank calls it at the same step and receives the same snapshot. Each
    /// rank then holds the whole state for a moment (`P` numbers per state slot); for a model too
    /// large for that, save a consolidated checkpoint, which each rank writes its part of.
    /// `optimizer.snapshot()` alone refuses with
    /// `OptimizerSnapshotError.shardedState(window:elementCount:)`.
    ///
    /// ```swift
    /// let snapshot = try parallel.snapshot()           // on every rank
    /// if communicator.rank == 0 { try JSONEncoder().encode(snapshot).write(to: url) }
    /// ```
    ///
    /// - Throws: `OptimizerSnapshotError` as `Optimizer.snapshot()` does; `DistributedError`
    ///   for a failed collective.
    public func snapshot() throws -> OptimizerSnapshot {
        let used = optimizer.usedStateSlots(parameterCount: layout.tensorCount)
        let state = optimizer.state
        func whole(_ slot: StateSlots, _ part: [Scalar]) throws -> [Scalar] {
            guard used.contains(slot) else { return [] }
            var values = [Scalar](repeating: 0, count: layout.elementCount)
            values[window] = part[...]
            try communicator.allgather(&values, partition: shards)
            return values
        }
        return try optimizer.snapshot(
            first: whole(.first, state.first), second: whole(.second, state.second), third: whole(.third, state.third))
    }

    /// Continues from a whole snapshot (from ``snapshot()`` at any world size, or from
    /// `Optimizer.snapshot()` in one process): the step counts and this rank's shard of the
    /// state. Every rank calls it with the same snapshot; nothing is exchanged.
    ///
    /// - Throws: `OptimizerSnapshotError` as `Optimizer.restore(from:)` does, and for 8-bit
    ///   state, which a sharded optimizer does not keep; nothing changes then.
    public mutating func restore(from snapshot: OptimizerSnapshot) throws(OptimizerSnapshotError) {
        guard snapshot.shapes == layout.shapes else { throw .shapeMismatch(snapshot: snapshot.shapes, parameters: layout.shapes) }
        try optimizer.restoreShard(from: snapshot, window: window)
    }
}
