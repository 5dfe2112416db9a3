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

    /// Calls `body` with the base addresses of the gradients, master weights, parameters and
    /// scratch space. The arena holds at least one element.
    mutating func withBuffers<Result>(
        _ body: (UnsafePointer<Float16>, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float16>, UnsafeMutablePointer<Float>) -> Result
    ) -> Result {
        gradients.withUnsafeBufferPointer { gradients in
            masterParameters.withUnsafeMutableBufferPointer { master in
                parameters.withUnsafeMutableBufferPointer { parameters in
                    scratch.withUnsafeMutableBufferPointer { scratch in
                        body(gradients.baseAddress!, master.baseAddress!, parameters.baseAddress!, scratch.baseAddress!)
                    }
                }
            }
        }
    }

    /// Copies the master weights of tensor `index`.
    public func masterTensor(_ index: Int) -> Tensor<Float> {
        try! Tensor(shape: layout.shapes[index], scalars: Array(masterParameters[layout.range(ofTensor: index)]))
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
        if state.parameterCount > 0, state.shapes != layout.shapes {
            throw .shapeMismatch("the arena's \(layout.tensorCount) tensors differ from the \(state.parameterCount) the optimizer holds state for")
        }
        guard layout.tensorCount > 0 else { return }
        if nonFiniteGradientPolicy != .propagate, arena.gradients.contains(where: { !$0.isFinite }) {
            guard try admitsStep(widening: arena.gradients, layout: layout) else { return }
        }
        prepareState(shapes: layout.shapes)
        guard layout.elementCount > 0 else {
            stepCount += 1
            return
        }
        let globalScale = clippingScale(halves: arena.gradients, master: arena.masterParameters, layout: layout)
        let total = layout.elementCount
        let threads = Swift.min(
            arena.scratch.count / MixedPrecisionArena.blockSize,
            total >= 2 * KernelParallelism.smallestThreshold ? KernelParallelism.current.threadCount(forElementCount: total) : 1)
        withWholeState { optimizer, slots in
            arena.withBuffers { halves, master, parameters, scratch in
                let pass = MixedPrecisionPass(
                    optimizer: optimizer, slots: slots, globalScale: globalScale, halves: halves, master: master,
                    parameters: parameters, scratch: scratch)
                if optimizer.groups.isEmpty && optimizer.multipliers.isEmpty {
                    ParallelChunks.run(count: total, threads: threads, address: UInt(bitPattern: master), stride: 4, pass)
                } else {
                    // Blocks never straddle two tensors with different contexts.
                    for index in 0..<layout.tensorCount {
                        pass.run(layout.range(ofTensor: index), tensor: index, worker: 0)
                    }
                }
            }
        }
        stepCount += 1
    }

    /// ``nonFiniteGradientPolicy`` applied to half-precision gradients (a rare path, which may
    /// allocate: a non-finite half was found).
    private mutating func admitsStep(widening halves: [Float16], layout: ArenaLayout) throws(OptimizerError) -> Bool {
        let widened = halves.map { HalfPrecisionConversion.widen($0.bitPattern) }
        var outcome: Result<Bool, OptimizerError> = .success(true)
        widened.withUnsafeBufferPointer { gradients in
            do throws(OptimizerError) {
                outcome = .success(try admitsStep(gradients: gradients, layout: layout))
            } catch {
                outcome = .failure(error)
            }
        }
        return try outcome.get()
    }

    /// The factor for clipping by global norm, over the widened gradients and master weights.
    private func clippingScale(halves: [Float16], master: [Float], layout: ArenaLayout) -> Float {
        guard let clipNorm = algorithm.options.clipNorm else { return 1 }
        var sumOfSquares = 0.0
        for index in 0..<layout.tensorCount {
            let processing = context(forParameter: index, step: stepCount, globalScale: 1).gradientProcessing
            for i in layout.range(ofTensor: index) {
                let clipped = Double(processing.clipped(HalfPrecisionConversion.widen(halves[i].bitPattern), parameter: master[i]))
                sumOfSquares += clipped * clipped
            }
        }
        return clipNorm.factor(forNorm: sumOfSquares.squareRoot())
    }
}

/// One mixed-precision step over a range of the arena, block by block: widen the gradients
/// into the worker's scratch, run the algorithm's own `Float` kernel on the master weights and
/// the state, round the master weights into the half-precision parameters.
struct MixedPrecisionPass: ChunkedPass {
    let optimizer: Optimizer<Float>
    let slots: StateBuffers<Float>
    let globalScale: Float
    let halves: UnsafePointer<Float16>
    let master: UnsafeMutablePointer<Float>
    let parameters: UnsafeMutablePointer<Float16>
    let scratch: UnsafeMutablePointer<Float>

    /// A chunk of an arena whose tensors all share one context; chunk `chunk` uses scratch
    /// block `chunk`.
    func run(chunk: Int, range: Range<Int>) {
        run(range, tensor: nil, worker: chunk)
    }

    /// Elements `range`, with tensor `tensor`'s algorithm and context (or parameter 0's for an
    /// arena without groups and multipliers), using scratch block `worker`.
    func run(_ range: Range<Int>, tensor: Int?, worker: Int) {
        let blockSize = MixedPrecisionArena.blockSize
        let buffer = scratch + worker * blockSize
        let index = tensor ?? 0
        let algorithm = optimizer.algorithm(forParameter: index)
        let context = optimizer.context(forParameter: index, step: optimizer.stepCount, globalScale: globalScale)
        var start = range.lowerBound
        while start < range.upperBound {
            let count = Swift.min(blockSize, range.upperBound - start)
            (halves + start).withMemoryRebound(to: UInt16.self, capacity: count) { source in
                HalfPrecisionConversion.widen(source, into: buffer, count: count)
            }
            let weights = master + start
            algorithm.step(
                context, parameters: UnsafeMutableBufferPointer(start: weights, count: count),
                gradients: UnsafeBufferPointer(start: buffer, count: count), state: slots.slice(start..<start + count))
            (parameters + start).withMemoryRebound(to: UInt16.self, capacity: count) { destination in
                HalfPrecisionConversion.narrow(weights, into: destination, count: count)
            }
            start += count
        }
    }
}
#endif
