#if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
import D2LTensor

/// Half-precision parameters and gradients with `Float` master weights: MXNet's
/// `multi_precision` for an ``Optimizer``\<Float\>.
///
/// ```swift
/// var arena = try MixedPrecisionArena(shapes: [[4096, 4096]])
/// var optimizer = try Optimizer<Float>(RMSProp(learningRate: 0.001))
/// // forward and backward in Float16 read arena.parameters and write arena.gradients
/// try optimizer.step(&arena)
/// ```
///
/// The model computes with ``parameters`` (Float16) and writes Float16 ``gradients``; the
/// optimizer keeps ``masterParameters`` and its state in `Float`. A step widens each gradient
/// to `Float`, runs the optimizer's own rule (every option, exactly as for `Float` data) on
/// the master weight and the state, and rounds the new master weight to the nearest half —
/// so small updates accumulate in the master weights instead of vanishing in half precision.
/// The step walks the arena in blocks of ``blockSize`` elements that stay in the first-level
/// cache, so memory is read and written once per step as by a single fused loop (20 bytes per
/// parameter for plain RMSProp: read g₁₆, p₃₂, s; write p₁₆, p₃₂, s), and nothing is allocated.
public struct MixedPrecisionArena: Sendable {
    /// Where each tensor lives in the buffers.
    public let layout: ArenaLayout
    /// The weights the model computes with, rounded from ``masterParameters`` after each step.
    public var parameters: [Float16]
    /// The model's gradients, in half precision.
    public var gradients: [Float16]
    /// The `Float` weights the optimizer updates.
    public var masterParameters: [Float]
    /// Per-thread scratch for widened gradients: ``blockSize`` elements per thread.
    var scratch: [Float]

    /// Elements processed per block: its 20 KiB of buffers stay in the first-level cache.
    public static let blockSize = 1_024

    /// An arena for tensors of the given shapes, every parameter `value`, gradients 0.
    ///
    /// - Throws: ``OptimizerError/shapeMismatch(_:)`` for a negative dimension.
    public init(shapes: [[Int]], repeating value: Float16 = 0) throws(OptimizerError) {
        layout = try ArenaLayout(shapes: shapes)
        parameters = Array(repeating: value, count: layout.elementCount)
        gradients = Array(repeating: 0, count: layout.elementCount)
        masterParameters = Array(repeating: Float(value), count: layout.elementCount)
        scratch = Array(repeating: 0, count: Self.blockSize * KernelParallelism.processorCount)
    }

    /// An arena holding `tensors` as `Float` master weights and their halves as parameters.
    public init(_ tensors: [Tensor<Float>]) {
        layout = try! ArenaLayout(shapes: tensors.map(\.shape))
        var master = [Float]()
        master.reserveCapacity(layout.elementCount)
        for tensor in tensors { master.append(contentsOf: tensor.scalars) }
        masterParameters = master
        parameters = master.map { Float16(bitPattern: HalfPrecisionConversion.narrow($0)) }
        gradients = Array(repeating: 0, count: layout.elementCount)
        scratch = Array(repeating: 0, count: Self.blockSize * KernelParallelism.processorCount)
    }

    /// Calls `body` with tensor `index`'s half-precision gradient, in place.
    public mutating func withGradients<Result>(
        ofTensor index: Int, _ body: (UnsafeMutableBufferPointer<Float16>) throws -> Result
    ) rethrows -> Result {
        let range = layout.range(ofTensor: index)
        return try gradients.withUnsafeMutableBufferPointer { try body(UnsafeMutableBufferPointer(rebasing: $0[range])) }
    }
}

extension Optimizer where Scalar == Float {
    /// Updates the master weights of `arena` from its half-precision gradients and rounds them
    /// into its half-precision parameters (MXNet's `multi_precision`).
    ///
    /// Equal, bit for bit, to widening the gradients to `Float`, calling ``step(_:)`` on the
    /// master weights, and rounding them to halves; but one pass over memory, split over
    /// threads for large arenas as ``KernelParallelism`` allows. Allocates nothing after the
    /// first step.
    ///
    /// - Throws: ``OptimizerError/shapeMismatch(_:)`` when the arena's tensors differ from those
    ///   of earlier steps; ``OptimizerError/nonFiniteGradient(_:)`` as ``step(_:gradients:)``.
    public mutating func step(_ arena: inout MixedPrecisionArena) throws(OptimizerError) {
        let layout = arena.layout
        let workers = arena.scratch.count / MixedPrecisionArena.blockSize
        try arena.gradients.withUnsafeBufferPointer { (halves) throws(OptimizerError) in
            try arena.masterParameters.withUnsafeMutableBufferPointer { (master) throws(OptimizerError) in
                try arena.parameters.withUnsafeMutableBufferPointer { (parameters) throws(OptimizerError) in
                    try arena.scratch.withUnsafeMutableBufferPointer { (scratch) throws(OptimizerError) in
                        try step(MixedPrecisionStorage(
                            layout: layout, halves: halves, master: master, parameters: parameters, scratch: scratch,
                            workers: workers))
                    }
                }
            }
        }
    }
}

/// The layout of a ``MixedPrecisionArena``: half-precision gradients and parameters, `Float`
/// master weights, walked in blocks that widen the gradients into per-worker scratch, run the
/// algorithm's own `Float` kernel on the master weights and the state, and round the master
/// weights into the half-precision parameters.
struct MixedPrecisionStorage: StepStorage, ChunkedPass {
    let layout: ArenaLayout
    let halves: UnsafeBufferPointer<Float16>
    let master: UnsafeMutableBufferPointer<Float>
    let parameters: UnsafeMutableBufferPointer<Float16>
    /// ``MixedPrecisionArena/blockSize`` elements for each of `workers` threads.
    let scratch: UnsafeMutableBufferPointer<Float>
    let workers: Int
    /// The step and state of the walk under way, for the chunks run on other threads.
    private var current: (step: PreparedStep<Float>, state: StateBuffers<Float>, firstElement: Int)?

    init(
        layout: ArenaLayout, halves: UnsafeBufferPointer<Float16>, master: UnsafeMutableBufferPointer<Float>,
        parameters: UnsafeMutableBufferPointer<Float16>, scratch: UnsafeMutableBufferPointer<Float>, workers: Int
    ) {
        self.layout = layout
        self.halves = halves
        self.master = master
        self.parameters = parameters
        self.scratch = scratch
        self.workers = workers
    }

    static var walksAcrossTensors: Bool { true }

    var tensorCount: Int { layout.tensorCount }

    func shape(ofTensor index: Int) -> [Int] { layout.shapes[index] }

    func firstNonFiniteGradient() -> (tensor: Int, element: Int, value: Double)? {
        layout.locate(halves.firstIndex { !$0.isFinite }) { Double(HalfPrecisionConversion.widen(halves[$0].bitPattern)) }
    }

    func accumulateSquaredGradients(ofTensor index: Int, processing: GradientProcessing<Float>, into sum: inout Double) {
        for i in layout.range(ofTensor: index) {
            let clipped = Double(processing.clipped(HalfPrecisionConversion.widen(halves[i].bitPattern), parameter: master[i]))
            sum += clipped * clipped
        }
    }

    /// A walk over several tensors is split over threads for large arenas, as
    /// ``KernelParallelism`` allows; blocks never straddle two tensors walked apart.
    func walk(_ step: borrowing PreparedStep<Float>, elements: Range<Int>, tensor: Int?, state: StateBuffers<Float>) {
        var pass = self
        pass.current = (copy step, state, elements.lowerBound)
        let count = elements.count
        guard tensor == nil, elements.lowerBound == 0, count >= 2 * KernelParallelism.smallestThreshold else {
            pass.run(elements, worker: 0)
            return
        }
        let threads = Swift.min(workers, KernelParallelism.current.threadCount(forElementCount: count))
        ParallelChunks.run(count: count, threads: threads, address: UInt(bitPattern: master.baseAddress), stride: 4, pass)
    }

    func run(chunk: Int, range: Range<Int>) {
        run(range, worker: chunk)
    }

    /// Elements `range` block by block, with scratch block `worker`.
    private func run(_ range: Range<Int>, worker: Int) {
        guard let (step, state, firstElement) = current, let halves = halves.baseAddress, let master = master.baseAddress,
            let parameters = parameters.baseAddress, let scratch = scratch.baseAddress
        else { return }
        let blockSize = MixedPrecisionArena.blockSize
        let buffer = scratch + worker * blockSize
        var start = range.lowerBound
        while start < range.upperBound {
            let count = Swift.min(blockSize, range.upperBound - start)
            (halves + start).withMemoryRebound(to: UInt16.self, capacity: count) { source in
                HalfPrecisionConversion.widen(source, into: buffer, count: count)
            }
            let weights = master + start
            step.algorithm.step(
                step.context, parameters: UnsafeMutableBufferPointer(start: weights, count: count),
                gradients: UnsafeBufferPointer(start: buffer, count: count),
                state: state.slice(start - firstElement..<start - firstElement + count))
            (parameters + start).withMemoryRebound(to: UInt16.self, capacity: count) { destination in
                HalfPrecisionConversion.narrow(weights, into: destination, count: count)
            }
            start += count
        }
    }
}
#endif
