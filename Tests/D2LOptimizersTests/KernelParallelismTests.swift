@testable import D2LOptimizers
import D2LTensor
import Testing

/// Options of the RMSProp issue, each of which must give the same bits on any thread count.
private let variants: [(String, RMSProp)] = [
    ("plain", RMSProp()),
    ("centered", RMSProp(centering: .centered)),
    ("momentum", RMSProp(momentum: 0.9)),
    ("nesterov", RMSProp(momentum: 0.9, momentumStyle: .nesterov)),
    ("eps outside", RMSProp(epsilonPlacement: .outsideSquareRoot)),
    ("weight decay and clipping", RMSProp(options: CommonOptions(
        learningRate: ScheduledLearningRate(0.01), weightDecay: 1e-3, clipGradient: 0.05, clipWeights: 0.4))),
]

/// Parameters and gradients of `count` elements from a seed.
private func buffers<Scalar: TensorScalar>(_: Scalar.Type, count: Int, seed: UInt64) -> ([Scalar], [[Scalar]]) {
    var generator = Xoshiro256StarStar(seed: seed)
    let parameters = Tensor<Scalar>.randomNormal(shape: [count], using: &generator).scalars
    let gradients = (0..<3).map { _ in Tensor<Scalar>.randomNormal(shape: [count], using: &generator).scalars }
    return (parameters, gradients)
}

/// The parameters and state after three steps of `algorithm` with at most `threads` threads.
private func run<Scalar: TensorScalar>(
    _ algorithm: RMSProp, _: Scalar.Type, count: Int, threads: Int
) throws -> ([Scalar], OptimizerState<Scalar>) {
    let (start, gradients) = buffers(Scalar.self, count: count, seed: 11)
    var parameters = [Tensor(start)]
    var optimizer = try Optimizer<Scalar>(algorithm)
    let parallelism = KernelParallelism(maximumThreads: threads, minimumElementsPerThread: KernelParallelism.smallestThreshold)
    try KernelParallelism.$current.withValue(parallelism) {
        for gradient in gradients { try optimizer.step(&parameters, gradients: [Tensor(gradient)]) }
    }
    return (parameters[0].scalars, optimizer.state)
}

@Suite("Multi-threaded kernel passes")
struct KernelParallelismTests {
    @Test("every RMSProp variant gives the same bits on 1, 2, 3 and 8 threads", arguments: variants.indices)
    func threadCountDoesNotChangeResults(variant: Int) throws {
        let (_, algorithm) = variants[variant]
        let count = 100_003
        let (serial, serialState) = try run(algorithm, Float.self, count: count, threads: 1)
        for threads in [2, 3, 8] {
            let (parallel, parallelState) = try run(algorithm, Float.self, count: count, threads: threads)
            #expect(parallel.map(\.bitPattern) == serial.map(\.bitPattern), "\(threads) threads")
            #expect(parallelState.first.map(\.bitPattern) == serialState.first.map(\.bitPattern))
            #expect(parallelState.second.map(\.bitPattern) == serialState.second.map(\.bitPattern))
            #expect(parallelState.third.map(\.bitPattern) == serialState.third.map(\.bitPattern))
        }
        let (double1, _) = try run(algorithm, Double.self, count: count, threads: 1)
        let (double3, _) = try run(algorithm, Double.self, count: count, threads: 3)
        #expect(double1.map(\.bitPattern) == double3.map(\.bitPattern))
    }

    @Test("chunks cover every element once, with inner bounds on cache lines", arguments: [1, 2, 3, 4, 7, 16])
    func chunksPartitionTheBuffer(chunks: Int) {
        for (count, address) in [(100_000, UInt(0x1000)), (100_003, UInt(0x1004)), (65_537, UInt(0x10020)), (5, UInt(0x2008))] {
            var next = 0
            for chunk in 0..<chunks {
                let range = ParallelChunks.bounds(ofChunk: chunk, of: chunks, count: count, address: address, stride: 4)
                #expect(range.lowerBound == next)
                if range.lowerBound > 0 && range.lowerBound < count {
                    #expect((address + UInt(range.lowerBound * 4)) % 64 == 0, "chunk \(chunk) of \(chunks) starts mid-line")
                }
                next = range.upperBound
            }
            #expect(next == count)
        }
    }

    @Test("below the threshold a pass uses one thread; above it, up to the maximum")
    func threadCountFollowsSize() {
        let parallelism = KernelParallelism(maximumThreads: 4, minimumElementsPerThread: 10_000)
        #expect(parallelism.threadCount(forElementCount: 5) == 1)
        #expect(parallelism.threadCount(forElementCount: 19_999) == 1)
        #expect(parallelism.threadCount(forElementCount: 20_000) == 2)
        #expect(parallelism.threadCount(forElementCount: 10_000_000) == 4)
        #expect(KernelParallelism(maximumThreads: 0).maximumThreads == 1)
        #expect(KernelParallelism(minimumElementsPerThread: 1).minimumElementsPerThread == KernelParallelism.smallestThreshold)
    }

    @Test("the worker pool runs every chunk exactly once, also when passes overlap")
    func poolRunsEveryChunk() async {
        let results = await withTaskGroup(of: [Int].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    var counts = [Int](repeating: 0, count: 1_000)
                    counts.withUnsafeMutableBufferPointer { counts in
                        for _ in 0..<50 {
                            ParallelChunks.run(
                                count: counts.count, threads: 8, address: UInt(bitPattern: counts.baseAddress!), stride: 8,
                                CountingPass(counts: counts.baseAddress!))
                        }
                    }
                    return counts
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        for counts in results { #expect(counts == [Int](repeating: 50, count: 1_000)) }
    }

    @Test("a processed rule with neutral processing gives the same finite results as the full loop")
    func neutralProcessingIsSkippedExactly() throws {
        let (start, gradients) = buffers(Float.self, count: 4_099, seed: 5)
        let rule = RMSPropRule<Float, InterpolatedAverage, EpsilonInsideSquareRoot, Uncentered, NoMomentum>(
            learningRate: 0.01, decay: 0.9, epsilon: 1e-6)
        let processed = ProcessedRule(rule)
        var fast = start
        var full = start
        var fastState = [Float](repeating: 0, count: start.count)
        var fullState = fastState
        for gradient in gradients {
            gradient.withUnsafeBufferPointer { g in
                fast.withUnsafeMutableBufferPointer { p in
                    fastState.withUnsafeMutableBufferPointer { s in
                        ElementwiseKernel.apply(processed, parameters: p, gradients: g, state: StateBuffers(first: s))
                    }
                }
                full.withUnsafeMutableBufferPointer { p in
                    fullState.withUnsafeMutableBufferPointer { s in
                        ElementwiseKernel.applyLoop(processed, parameters: p, gradients: g, state: StateBuffers(first: s))
                    }
                }
            }
        }
        #expect(fast.map(\.bitPattern) == full.map(\.bitPattern))
        #expect(fastState.map(\.bitPattern) == fullState.map(\.bitPattern))
    }
}

/// Adds 1 to every element of its chunk.
private struct CountingPass: ChunkedPass {
    let counts: UnsafeMutablePointer<Int>
    func run(chunk: Int, range: Range<Int>) {
        for i in range { counts[i] += 1 }
    }
}
