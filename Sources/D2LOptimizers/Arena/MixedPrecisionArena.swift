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
/// cache, so memory is read and written once per step as by a single fused loop (22 bytes per
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
        var failure: OptimizerError?
        arena.gradients.withUnsafeBufferPointer { halves in
            halves.withMemoryRebound(to: UInt16.self) { halves in
                arena.masterParameters.withUnsafeMutableBufferPointer { master in
                    arena.parameters.withUnsafeMutableBufferPointer { parameters in
                        parameters.withMemoryRebound(to: UInt16.self) { parameters in
                            arena.scratch.withUnsafeMutableBufferPointer { scratch in
                                do throws(OptimizerError) {
                                    try mixedStep(halves, master, parameters, scratch, layout)
                                } catch {
                                    failure = error
                                }
                            }
                        }
                    }
                }
            }
        }
        if let failure { throw failure }
    }

    private mutating func mixedStep(
        _ halves: UnsafeBufferPointer<UInt16>, _ master: UnsafeMutableBufferPointer<Float>,
        _ parameters: UnsafeMutableBufferPointer<UInt16>, _ scratch: UnsafeMutableBufferPointer<Float>,
        _ layout: ArenaLayout
    ) throws(OptimizerError) {
        if nonFiniteGradientPolicy != .propagate, halves.contains(where: { $0 & 0x7C00 == 0x7C00 }) {
            guard try admitsStep(widenedFrom: halves, layout: layout) else { return }
        }
        prepareState(shapes: layout.shapes)
        let globalScale = clippingScale(halves: halves, master: UnsafeBufferPointer(master), layout: layout)
        let blockSize = MixedPrecisionArena.blockSize
        let threads = Swift.min(
            scratch.count / blockSize,
            layout.elementCount >= 2 * KernelParallelism.smallestThreshold
                ? KernelParallelism.current.threadCount(forElementCount: layout.elementCount) : 1)
        withWholeState { optimizer, slots in
            let step = optimizer.stepCount
            let uniform = optimizer.groups.isEmpty && optimizer.multipliers.isEmpty
            let uniformContext = optimizer.context(forParameter: 0, step: step, globalScale: globalScale)
            let shared = UncheckedSendable((halves, master, parameters, scratch, slots, optimizer))
            // Blocks never straddle two tensors unless every tensor shares one context.
            func run(_ range: Range<Int>, tensor: Int?, worker: Int) {
                let (halves, master, parameters, scratch, slots, optimizer) = shared.value
                let buffer = scratch.baseAddress! + worker * blockSize
                let algorithm = tensor.map(optimizer.algorithm(forParameter:)) ?? optimizer.algorithm
                let context = tensor.map { optimizer.context(forParameter: $0, step: step, globalScale: globalScale) } ?? uniformContext
                var start = range.lowerBound
                while start < range.upperBound {
                    let count = Swift.min(blockSize, range.upperBound - start)
                    HalfPrecisionConversion.widen(halves.baseAddress! + start, into: buffer, count: count)
                    algorithm.step(
                        context, parameters: UnsafeMutableBufferPointer(rebasing: master[start..<start + count]),
                        gradients: UnsafeBufferPointer(start: buffer, count: count), state: slots.slice(start..<start + count))
                    HalfPrecisionConversion.narrow(master.baseAddress! + start, into: parameters.baseAddress! + start, count: count)
                    start += count
                }
            }
            if uniform {
                let address = UInt(bitPattern: master.baseAddress!)
                let total = layout.elementCount
                withoutActuallyEscaping(run) { run in
                    let work = UncheckedSendable(run)
                    ParallelChunks.run(count: total, threads: threads, address: address, stride: 4) { chunk, range in
                        work.value(range, nil, chunk)
                    }
                }
            } else {
                for index in 0..<layout.tensorCount {
                    run(layout.range(ofTensor: index), tensor: index, worker: 0)
                }
            }
        }
        stepCount += 1
    }

    /// ``nonFiniteGradientPolicy`` applied to half-precision gradients.
    private mutating func admitsStep(widenedFrom halves: UnsafeBufferPointer<UInt16>, layout: ArenaLayout) throws(OptimizerError) -> Bool {
        // Widen into a temporary only on this rare path (a non-finite half was found).
        let widened = halves.map(HalfPrecisionConversion.widen)
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
    private func clippingScale(halves: UnsafeBufferPointer<UInt16>, master: UnsafeBufferPointer<Float>, layout: ArenaLayout) -> Float {
        guard let clipNorm = algorithm.options.clipNorm else { return 1 }
        var sumOfSquares = 0.0
        for index in 0..<layout.tensorCount {
            let processing = context(forParameter: index, step: stepCount, globalScale: 1).gradientProcessing
            for i in layout.range(ofTensor: index) {
                let clipped = Double(processing.clipped(HalfPrecisionConversion.widen(halves[i]), parameter: master[i]))
                sumOfSquares += clipped * clipped
            }
        }
        return clipNorm.factor(forNorm: sumOfSquares.squareRoot())
    }
}
#endif
