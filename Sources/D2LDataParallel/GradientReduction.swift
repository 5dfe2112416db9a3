/// How ``DataParallel`` sums the gradients of the ranks' parts of a minibatch.
public enum GradientReduction: Hashable, Sendable {
    /// Each rank computes the gradient of its part of the batch (cut as ``DataParallel/part(ofBatch:)``
    /// says) and the parts are summed by a reduce-scatter, each rank receiving the sum of its
    /// own shard of the parameters, in rank order (`((g₀ + g₁) + …) + g_{N−1}` with
    /// `MPICommunicator`), which depends on the world size. The same command at the same world
    /// size gives the same numbers every time; other world sizes agree within `Float` rounding.
    ///
    /// Communication per step: a reduce-scatter and an allgather of the parameters, about
    /// `2 · P · (N − 1) / N` numbers sent per rank for `P` parameters on `N` ranks — what one
    /// allreduce costs.
    case sum

    /// The batch is cut into `chunkCount` fixed chunks (``DataParallel/chunks(ofBatch:)``),
    /// whatever the world size; each chunk's gradient is computed by one rank, and every shard
    /// is summed chunk after chunk, `((0 + g₀) + g₁) + …`, in `Scalar`. The result is the same,
    /// bit for bit, at every world size, one process without MPI included.
    ///
    /// Its extra cost: each chunk's gradient travels on its own, so the reduce-scatter moves
    /// `chunkCount` times the numbers of ``sum`` (about `chunkCount · P` per rank per step),
    /// and each rank holds a buffer of `chunkCount · P · (1 + 1/N)` numbers for it; the gradient
    /// is computed once per chunk rather than once per rank (smaller matrix products); and when
    /// the optimizer clips by global norm, the summed gradient is gathered whole on every rank
    /// (one more allgather of `P` numbers) so that the norm is summed in one process's order.
    case exact(chunkCount: Int)

    /// ``exact(chunkCount:)`` with 16 chunks: enough for 16 ranks to share the gradient work.
    public static let exact = GradientReduction.exact(chunkCount: 16)
}
