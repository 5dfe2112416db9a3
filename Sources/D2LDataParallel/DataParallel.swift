import D2LDistributed
import D2LOptimizers
import D2LTensor

/// Data-parallel training with the optimizer state sharded across ranks (ZeRO stage 1), around
/// a model of your own and any ``Optimizer``.
///
/// Every rank holds the whole model in a ``ParameterArena`` and calls ``step(_:batchSize:gradient:)``
/// with the same global minibatch. A step:
/// 1. cuts the batch in a fixed way (``part(ofBatch:)``, or fixed chunks under
///    ``GradientReduction/exact(chunkCount:)``) and asks `gradient` for the gradient of this
///    rank's examples;
/// 2. sums the gradients over ranks, each rank receiving the sum for its shard of the flattened
///    parameters — ``window``, a contiguous 1/N of them that may cut through tensors;
/// 3. updates that shard with the full optimizer (every option, parameter group, multiplier and
///    schedule; clipping by global norm uses the norm over all ranks' gradients; the
///    non-finite gradient policy sees the same first non-finite gradient on every rank), keeping
///    optimizer state for the shard only;
/// 4. gathers the updated shards, so that every rank holds the whole model again.
///
/// ```swift
/// import D2LDataParallel
/// import D2LDistributed
/// import D2LOptimizers
/// import D2LTensor
///
/// // Under `mpirun -np N` in a build with the MPI trait: try MPICommunicator.world().
/// let communicator: any Communicator = LocalCommunicator()
/// var model = try ParameterArena<Float>(shapes: [[5, 1], [1]])
/// var parallel = try DataParallel(
///     optimizer: try Optimizer<Float>(RMSProp(learningRate: 0.01, decay: 0.9)),
///     layout: model.layout, communicator: communicator, reduction: .exact)
///
/// // Every rank must pass the same batch: the same data, seed and order.
/// let x: [[Float]] = [[1, 0, 0, 0, 0], [0, 1, 0, 0, 0], [0, 0, 1, 0, 0]]
/// let y: [Float] = [1, 2, 3]
/// for _ in 0..<100 {
///     let loss = try parallel.step(&model, batchSize: x.count) { examples, model in
///         // The gradient of these examples' share of the batch's loss (each example's loss
///         // divided by the whole batch's size), written into model.gradients.
///         var loss = 0.0
///         for i in examples {
///             let prediction = zip(x[i], model.parameters[0..<5]).reduce(model.parameters[5]) { $0 + $1.0 * $1.1 }
///             let error = (prediction - y[i]) / Float(x.count)
///             for j in 0..<5 { model.gradients[j] += error * x[i][j] }
///             model.gradients[5] += error
///             loss += Double((prediction - y[i]) * (prediction - y[i]) / 2) / Double(x.count)
///         }
///         return loss
///     }
///     if communicator.rank == 0 { print(loss) }
/// }
/// ```
///
/// The gradient closure receives a range of example indices of the global batch (never empty)
/// and the arena with its gradients set to zero; it writes the gradients of those examples'
/// contribution and returns their contribution to the loss, so that the contributions of all
/// parts add up to the batch's gradient and loss. Under ``GradientReduction/sum`` it is called
/// once per step on each rank that has examples (none when there are more ranks than
/// examples); under ``GradientReduction/exact(chunkCount:)`` once per chunk the rank computes.
///
/// Determinism: the same program at the same world size gives the same numbers, bit for bit,
/// run after run. Under ``GradientReduction/sum``, other world sizes agree within `Float`
/// rounding; under ``GradientReduction/exact(chunkCount:)`` every world size gives the same
/// bits, one process with ``LocalCommunicator`` included.
///
/// Every rank must be built with the same optimizer, layout and reduction, and call the same
/// steps: check that at start with `Communicator.requireAgreement(on:)`.
public struct DataParallel<Scalar: TensorScalar & CommunicationScalar> {
    /// The optimizer, holding state for ``window`` only. Change its options only the same way
    /// on every rank.
    public var optimizer: Optimizer<Scalar>
    /// Where each tensor lives in the flattened parameters.
    public let layout: ArenaLayout
    /// The ranks that train together.
    public let communicator: any Communicator
    /// How gradients are summed.
    public let reduction: GradientReduction
    /// The flattened parameters cut into one shard per rank.
    public let shards: EvenPartition

    /// The summed gradients of this rank's shard.
    private var summedShard: [Scalar]
    /// Under exact reduction: every rank's shard of every chunk's gradient, rank after rank.
    private var exchange: [Scalar] = []
    /// Under exact reduction: this rank's shard of every chunk's gradient, chunk after chunk.
    private var chunkShards: [Scalar] = []
    /// Under exact reduction with clipping by global norm: the whole summed gradient.
    private var wholeGradient: [Scalar] = []

    /// Wraps `optimizer` (fresh, or restored for this rank's shard) to train parameters laid out
    /// as `layout` across the ranks of `communicator`.
    ///
    /// - Throws: ``OptimizerError/outOfRange(name:value:valid:)`` for a chunk count below 1.
    public init(
        optimizer: Optimizer<Scalar>, layout: ArenaLayout, communicator: any Communicator, reduction: GradientReduction = .sum
    ) throws(OptimizerError) {
        if case let .exact(chunkCount) = reduction, chunkCount < 1 {
            throw .outOfRange(name: "chunk count", value: Double(chunkCount), valid: "a whole number ≥ 1")
        }
        self.optimizer = optimizer
        self.layout = layout
        self.communicator = communicator
        self.reduction = reduction
        shards = communicator.evenPartition(of: layout.elementCount)
        summedShard = Array(repeating: 0, count: shards.count(of: communicator.rank))
    }

    /// The elements of the flattened parameters this rank updates and keeps state for.
    public var window: Range<Int> { shards.range(of: communicator.rank) }

    /// The bytes of optimizer state this rank holds: about 1/N of a single process's.
    public var optimizerStateBytes: Int {
        (optimizer.state.first.count + optimizer.state.second.count + optimizer.state.third.count) * MemoryLayout<Scalar>.size
    }

    /// The examples of a batch of `size` this rank computes under ``GradientReduction/sum``:
    /// part `rank` of the batch cut into one part per rank by ``EvenPartition`` (sizes differ by
    /// at most one, the larger first; empty when there are more ranks than examples).
    public func part(ofBatch size: Int) -> Range<Int> {
        EvenPartition(elementCount: size, partCount: communicator.size).range(of: communicator.rank)
    }

    /// The chunks of a batch of `size` this rank computes under
    /// ``GradientReduction/exact(chunkCount:)``: the batch is cut into `chunkCount` chunks by
    /// ``EvenPartition``, whatever the world size, and the chunks are shared among the ranks the
    /// same way. Empty chunks (a batch smaller than the chunk count) are left out.
    public func chunks(ofBatch size: Int) -> [Range<Int>] {
        guard case let .exact(chunkCount) = reduction else { return [] }
        let chunks = EvenPartition(elementCount: size, partCount: chunkCount)
        let owners = EvenPartition(elementCount: chunkCount, partCount: communicator.size)
        return owners.range(of: communicator.rank).map(chunks.range(of:)).filter { !$0.isEmpty }
    }

    /// Takes one step on a global minibatch of `batchSize` examples, the same on every rank.
    ///
    /// - Parameters:
    ///   - arena: The whole model; on return every rank holds the same updated parameters.
    ///   - batchSize: The number of examples in the global batch, at least 1.
    ///   - gradient: Writes the gradient of the given examples' contribution into
    ///     `arena.gradients` (zero on entry) and returns their contribution to the loss.
    /// - Returns: The batch's loss: the sum of every part's contribution.
    /// - Throws: ``OptimizerError`` (a layout other than ``layout``, a batch size below 1, the
    ///   optimizer's errors — on every rank alike), `DistributedError` for a failed collective,
    ///   and what `gradient` throws.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func step(
        _ arena: inout ParameterArena<Scalar>, batchSize: Int,
        gradient: (_ examples: Range<Int>, _ arena: inout ParameterArena<Scalar>) throws -> Double
    ) throws -> Double {
        guard arena.layout == layout else {
            throw OptimizerError.shapeMismatch("the arena's layout differs from the one this data-parallel step was made for")
        }
        guard batchSize >= 1 else { throw OptimizerError.outOfRange(name: "batch size", value: Double(batchSize), valid: "≥ 1") }
        let loss: Double
        switch reduction {
        case .sum:
            loss = try sumGradients(&arena, batchSize: batchSize, gradient: gradient)
        case let .exact(chunkCount):
            loss = try sumGradientsExactly(&arena, batchSize: batchSize, chunkCount: chunkCount, gradient: gradient)
        }
        try updateShard(&arena)
        try communicator.allgather(&arena.parameters, partition: shards)
        return loss
    }

    /// This rank's part's gradient, reduce-scattered; the loss summed by an allreduce.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    private mutating func sumGradients(
        _ arena: inout ParameterArena<Scalar>, batchSize: Int,
        gradient: (_ examples: Range<Int>, _ arena: inout ParameterArena<Scalar>) throws -> Double
    ) throws -> Double {
        let (communicator, shards) = (communicator, shards)
        let examples = part(ofBatch: batchSize)
        var loss = [0.0]
        arena.zeroGradients()
        if !examples.isEmpty { loss[0] = try gradient(examples, &arena) }
        try communicator.allreduce(&loss, .sum)
        try arena.gradients.withUnsafeBufferPointer { whole in
            try summedShard.withUnsafeMutableBufferPointer { shard in
                try communicator.reduceScatter(whole, into: shard, partition: shards)
            }
        }
        return loss[0]
    }

    /// Each chunk's gradient computed by its rank and placed in every rank's slot of the
    /// exchange (zeros elsewhere); after the reduce-scatter each rank holds its shard of every
    /// chunk (adding zeros is exact) and sums them chunk after chunk from +0, which also makes
    /// the sign of a zero independent of the world size.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    private mutating func sumGradientsExactly(
        _ arena: inout ParameterArena<Scalar>, batchSize: Int, chunkCount: Int,
        gradient: (_ examples: Range<Int>, _ arena: inout ParameterArena<Scalar>) throws -> Double
    ) throws -> Double {
        let (communicator, shards) = (communicator, shards)
        let (rank, size) = (communicator.rank, communicator.size)
        let width = shards.largestPartCount
        let slot = chunkCount * width
        if exchange.count != size * slot {
            exchange = Array(repeating: 0, count: size * slot)
            chunkShards = Array(repeating: 0, count: slot)
        } else {
            exchange.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        }
        let chunks = EvenPartition(elementCount: batchSize, partCount: chunkCount)
        let owners = EvenPartition(elementCount: chunkCount, partCount: size)
        var losses = [Double](repeating: 0, count: chunkCount)
        for chunk in owners.range(of: rank) where chunks.count(of: chunk) > 0 {
            arena.zeroGradients()
            losses[chunk] = try gradient(chunks.range(of: chunk), &arena)
            for other in 0..<size {
                let start = other * slot + chunk * width
                let window = shards.range(of: other)
                exchange[start..<(start + window.count)] = arena.gradients[window]
            }
        }
        try communicator.allreduce(&losses, .sum)
        try exchange.withUnsafeBufferPointer { whole in
            try chunkShards.withUnsafeMutableBufferPointer { shard in
                try communicator.reduceScatter(whole, into: shard, partition: EvenPartition(elementCount: size * slot, partCount: size))
            }
        }
        for i in summedShard.indices {
            var sum: Scalar = 0
            for chunk in 0..<chunkCount { sum += chunkShards[chunk * width + i] }
            summedShard[i] = sum
        }
        return losses.reduce(0, +)
    }

    /// The optimizer's step over this rank's shard (with the whole summed gradient for the
    /// global norm under exact reduction).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    private mutating func updateShard(_ arena: inout ParameterArena<Scalar>) throws {
        let wholeForNorm: Bool
        if case .exact = reduction, optimizer.algorithm.options.clipNorm != nil {
            if wholeGradient.count != layout.elementCount { wholeGradient = Array(repeating: 0, count: layout.elementCount) }
            wholeGradient[window] = summedShard[...]
            try communicator.allgather(&wholeGradient, partition: shards)
            wholeForNorm = true
        } else {
            wholeForNorm = false
        }
        let (shard, whole, window, layout) = (summedShard, wholeGradient, window, layout)
        let combining = CommunicatorCombining(communicator: communicator)
        try arena.parameters.withUnsafeMutableBufferPointer { parameters in
            try shard.withUnsafeBufferPointer { gradients in
                try whole.withUnsafeBufferPointer { whole in
                    try optimizer.step(
                        parameters: parameters, gradients: gradients, layout: layout, window: window,
                        normGradients: wholeForNorm ? whole : nil, combining: combining)
                }
            }
        }
    }
}

extension ParameterArena {
    /// Sets every gradient to zero.
    mutating func zeroGradients() {
        gradients.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }
}
