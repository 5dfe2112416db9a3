import Benchmark
import D2LChapters
import D2LNN
import D2LOptimizers
import D2LTensor
import D2LTraining

// Optimizer steps and the section's training, through the library's public entry points —
// `Optimizer.step` on tensors (what `Trainer`, `d2l train` and `d2l trace` call) and on a
// `ParameterArena` (what `d2l bench` calls by default) — which all end in `ElementwiseKernel`.
//
// Every step benchmark reports, besides wall-clock time and mallocs:
//   GB/s ×1000   the bytes the step must move (plain RMSProp on Float: 20 per parameter —
//                read p, g, s; write p, s; with 8-bit state 14.03, s being a code and a 256th
//                of an absmax) divided by the step's time;
//   ps/param     picoseconds per parameter.
// An optimizer step must show 0 mallocs.

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, StepMetrics.gigabytesPerSecond, StepMetrics.picosecondsPerParameter],
        timeUnits: .microseconds,
        warmupIterations: 2,
        maxDuration: .seconds(3),
        maxIterations: 30
    )

    let large = 50_000_000

    // The plain rule (the book's: γ 0.9, ε 10⁻⁶ inside the square root) on 5·10⁷ Floats.
    for threads in [1, 2] {
        stepBenchmark("RMSProp 5e7 Float, \(threads) thread\(threads == 1 ? "" : "s")", RMSProp(), shapes: [[large]], threads: threads)
    }

    // The plain rule with 8-bit blockwise state (codes and one absmax per 256 values).
    for threads in [1, 2] {
        stepBenchmark(
            "RMSProp 5e7 8-bit state, \(threads) thread\(threads == 1 ? "" : "s")", RMSProp(), shapes: [[large]],
            threads: threads, arena: true, statePrecision: .eightBit())
    }

    // Every variant, 5·10⁷ Floats, 2 threads.
    let variants: [(String, any OptimizationAlgorithm)] = [
        ("centered", RMSProp(centering: .centered)),
        ("momentum 0.9", RMSProp(momentum: 0.9)),
        ("nesterov 0.9", RMSProp(momentum: 0.9, momentumStyle: .nesterov)),
        ("eps outside", RMSProp(epsilonPlacement: .outsideSquareRoot)),
        ("weight decay 1e-4 + clip 1", RMSProp(options: CommonOptions(
            learningRate: ScheduledLearningRate(0.01), weightDecay: 1e-4, clipGradient: 1))),
        ("clip norm 1", RMSProp(options: CommonOptions(
            learningRate: ScheduledLearningRate(0.01), clipNorm: GlobalNormClipping(maximum: 1)))),
    ]
    for (name, algorithm) in variants {
        stepBenchmark("RMSProp 5e7 Float, \(name), 2 threads", algorithm, shapes: [[large]], threads: 2)
    }

    // Other optimizers for comparison.
    stepBenchmark("Adagrad 5e7 Float, 2 threads", Adagrad(), shapes: [[large]], threads: 2)
    stepBenchmark("Adam 5e7 Float, 2 threads", Adam(), shapes: [[large]], threads: 2)
    stepBenchmark("SGD 5e7 Float, 2 threads", SGD(), shapes: [[large]], threads: 2)

    // Many small tensors: 2,000 × 1,000 Floats, as an array of tensors and as one arena.
    let small = Array(repeating: [1_000], count: 2_000)
    for threads in [1, 2] {
        let suffix = "\(threads) thread\(threads == 1 ? "" : "s")"
        stepBenchmark("RMSProp 2000×1000 Float tensors, \(suffix)", RMSProp(), shapes: small, threads: threads)
        stepBenchmark("RMSProp 2000×1000 Float arena, \(suffix)", RMSProp(), shapes: small, threads: threads, arena: true)
    }

    // Mixed precision: Float16 parameters and gradients, Float master weights and state.
    for threads in [1, 2] {
        mixedBenchmark("RMSProp 5e7 mixed Float16/Float, \(threads) thread\(threads == 1 ? "" : "s")", shapes: [[large]], threads: threads)
    }

    // One epoch of the section's training (150 minibatches of 10, 15 full-data evaluations),
    // and one minibatch step of each loop once its storage is in place: a step must show 0
    // mallocs.
    trainingBenchmarks()
    minibatchStepBenchmarks()

    // The matrix products of a step of the MLP 5 → 1024 → 1024 → 1 (`d2l train --hidden
    // 1024,1024`), Float and Double.
    matrixProductBenchmarks()
}

/// Custom metrics of a step.
enum StepMetrics {
    static let gigabytesPerSecond = BenchmarkMetric.custom("GB/s ×1000", polarity: .prefersLarger, useScalingFactor: false)
    static let picosecondsPerParameter = BenchmarkMetric.custom("ps/param", polarity: .prefersSmaller, useScalingFactor: false)
}

/// Buffers that live across a benchmark's iterations; created in `setup`, released in `teardown`.
final class Fixture<Value>: @unchecked Sendable {
    var value: Value?
}

/// The bytes a step must move per parameter for `algorithm` on elements of `scalarBytes`: the
/// parameter read and written, the gradient read, every state slot read and written (with 8-bit
/// state, its code and a 256th of a Float absmax), and one more read of both for clipping by
/// global norm.
func bytesPerParameter(_ algorithm: any OptimizationAlgorithm, scalarBytes: Int, statePrecision: StatePrecision = .float32) -> Double {
    let slots = Double([StateSlots.first, .second, .third].filter { algorithm.stateSlots.contains($0) }.count)
    let clipPass = algorithm.options.clipNorm == nil ? 0.0 : 1.0
    let slotBytes = statePrecision == .float32 ? Double(scalarBytes) : 1 + 4 / Double(QuantizedBuffer.blockSize)
    return Double(scalarBytes) * (3 + 2 * clipPass) + 2 * slots * slotBytes
}

/// A fixed, varied gradient value for element `i` (magnitudes 2·10⁻⁴ … 0.1, both signs).
@inline(__always) func gradientValue(_ i: Int) -> Float { Float(i % 997 - 498) * 2e-4 }

/// A fixed parameter value for element `i`.
@inline(__always) func parameterValue(_ i: Int) -> Float { Float(i % 1000 - 500) * 1e-3 }

/// Times `body` and records GB/s and ps/param for `count` parameters moving `bytes` each.
func measureStep(_ benchmark: Benchmark, count: Int, bytes: Double, _ body: () throws -> Void) rethrows {
    let clock = ContinuousClock()
    let start = clock.now
    try body()
    let elapsed = clock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    benchmark.measurement(StepMetrics.gigabytesPerSecond, Int((Double(count) * bytes / seconds / 1e6).rounded()))
    benchmark.measurement(StepMetrics.picosecondsPerParameter, Int((seconds * 1e12 / Double(count)).rounded()))
}

/// A benchmark of one optimizer step over tensors of `shapes`, as an array of tensors or an arena,
/// with the state in `statePrecision`.
func stepBenchmark(
    _ name: String, _ algorithm: any OptimizationAlgorithm, shapes: [[Int]], threads: Int, arena: Bool = false,
    statePrecision: StatePrecision = .float32
) {
    final class Tensors {
        var optimizer: Optimizer<Float>
        var parameters: [Tensor<Float>]
        var gradients: [Tensor<Float>]
        init(optimizer: Optimizer<Float>, parameters: [Tensor<Float>], gradients: [Tensor<Float>]) {
            self.optimizer = optimizer
            self.parameters = parameters
            self.gradients = gradients
        }
    }
    final class Arena {
        var optimizer: Optimizer<Float>
        var arena: ParameterArena<Float>
        init(optimizer: Optimizer<Float>, arena: ParameterArena<Float>) {
            self.optimizer = optimizer
            self.arena = arena
        }
    }
    let count = shapes.reduce(0) { $0 + $1.reduce(1, *) }
    let bytes = bytesPerParameter(algorithm, scalarBytes: 4, statePrecision: statePrecision)
    let parallelism = KernelParallelism(maximumThreads: threads)
    if arena {
        let fixture = Fixture<Arena>()
        Benchmark(name) { benchmark in
            try KernelParallelism.$current.withValue(parallelism) {
                for _ in benchmark.scaledIterations {
                    let state = fixture.value!
                    try measureStep(benchmark, count: count, bytes: bytes) {
                        try state.optimizer.step(&state.arena)
                    }
                }
            }
        } setup: {
            var arena = try ParameterArena<Float>(shapes: shapes)
            arena.parameters.withUnsafeMutableBufferPointer { p in for i in p.indices { p[i] = parameterValue(i) } }
            arena.gradients.withUnsafeMutableBufferPointer { g in for i in g.indices { g[i] = gradientValue(i) } }
            var optimizer = try Optimizer<Float>(algorithm, statePrecision: statePrecision)
            try optimizer.step(&arena)  // creates the state outside the measurement
            fixture.value = Arena(optimizer: optimizer, arena: arena)
        } teardown: {
            fixture.value = nil
        }
    } else {
        let fixture = Fixture<Tensors>()
        Benchmark(name) { benchmark in
            try KernelParallelism.$current.withValue(parallelism) {
                for _ in benchmark.scaledIterations {
                    let state = fixture.value!
                    try measureStep(benchmark, count: count, bytes: bytes) {
                        try state.optimizer.step(&state.parameters, gradients: state.gradients)
                    }
                }
            }
        } setup: {
            var start = 0
            var parameters: [Tensor<Float>] = []
            var gradients: [Tensor<Float>] = []
            for shape in shapes {
                let range = start..<start + shape.reduce(1, *)
                parameters.append(try Tensor(shape: shape, scalars: range.map(parameterValue)))
                gradients.append(try Tensor(shape: shape, scalars: range.map(gradientValue)))
                start = range.upperBound
            }
            var optimizer = try Optimizer<Float>(algorithm, statePrecision: statePrecision)
            try optimizer.step(&parameters, gradients: gradients)  // creates the state
            fixture.value = Tensors(optimizer: optimizer, parameters: parameters, gradients: gradients)
        } teardown: {
            fixture.value = nil
        }
    }
}

/// A benchmark of one mixed-precision RMSProp step.
func mixedBenchmark(_ name: String, shapes: [[Int]], threads: Int) {
    final class Mixed {
        var optimizer: Optimizer<Float>
        var arena: MixedPrecisionArena
        init(optimizer: Optimizer<Float>, arena: MixedPrecisionArena) {
            self.optimizer = optimizer
            self.arena = arena
        }
    }
    let count = shapes.reduce(0) { $0 + $1.reduce(1, *) }
    // Write p₁₆, read g₁₆, read and write the master weight and the mean square.
    let bytes = 2.0 + 2 + 8 + 8
    let parallelism = KernelParallelism(maximumThreads: threads)
    let fixture = Fixture<Mixed>()
    Benchmark(name) { benchmark in
        try KernelParallelism.$current.withValue(parallelism) {
            for _ in benchmark.scaledIterations {
                let state = fixture.value!
                try measureStep(benchmark, count: count, bytes: bytes) {
                    try state.optimizer.step(&state.arena)
                }
            }
        }
    } setup: {
        var arena = try MixedPrecisionArena(shapes: shapes)
        arena.masterParameters.withUnsafeMutableBufferPointer { p in for i in p.indices { p[i] = parameterValue(i) } }
        arena.gradients.withUnsafeMutableBufferPointer { g in for i in g.indices { g[i] = Float16(gradientValue(i)) } }
        var optimizer = try Optimizer<Float>(RMSProp())
        try optimizer.step(&arena)
        fixture.value = Mixed(optimizer: optimizer, arena: arena)
    } teardown: {
        fixture.value = nil
    }
}

/// One epoch of `train_ch7` (from scratch, with the book's whole-tensor RMSProp and with the
/// library's fused one) and of `train_gluon_ch7` (Dense layer, Trainer by name).
func trainingBenchmarks() {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal], timeUnits: .microseconds,
        warmupIterations: 1, maxDuration: .seconds(3), maxIterations: 20)
    let settings = Ch7Settings(epochs: 1)
    let data = Fixture<SectionData<Float>>()
    let loadData: Benchmark.BenchmarkSetupHook = { data.value = try SectionData<Float>() }

    Benchmark("train_ch7 epoch, book's scratch RMSProp", configuration: configuration, closure: { _ in
        var optimizer = ScratchOptimizer<Float>(.rmsprop(learningRate: 0.01, decay: 0.9))
        blackHole(try TrainCh7.run(data: data.value!, settings: settings) { optimizer.update(&$0, gradients: $1) })
    }, setup: loadData)

    Benchmark("train_ch7 epoch, fused RMSProp", configuration: configuration, closure: { _ in
        var optimizer = try Optimizer<Float>(RMSProp(learningRate: 0.01, decay: 0.9))
        blackHole(try TrainCh7.run(data: data.value!, settings: settings) { try optimizer.step(&$0, gradients: $1) })
    }, setup: loadData)

    Benchmark("train_gluon_ch7 epoch, Trainer rmsprop", configuration: configuration, closure: { _ in
        blackHole(try TrainConcise.run(
            optimizer: "rmsprop", hyperparameters: ["learning_rate": .number(0.01), "gamma1": .number(0.9)],
            data: data.value!, settings: settings))
    }, setup: loadData)
}

/// One minibatch step of the section's loops as they run it, after a first step has set up
/// the tape's storage, the gradients and the optimizer state: forward and backward on a
/// `GradientTape`, gradients moved out, then the update in place.
final class MinibatchStep: @unchecked Sendable {
    let tape = GradientTape<Float>()
    let features: Tensor<Float>
    let labels: Tensor<Float>
    let network: Sequential<Float>
    var parameters: [Tensor<Float>]
    var gradients: [Tensor<Float>] = []
    var compiled: CompiledNetwork<Float>
    var optimizer: Optimizer<Float>
    var trainer: Trainer<Float>

    init() throws {
        let data = try SectionData<Float>()
        features = try Tensor(shape: [10, data.featureCount], scalars: Array(data.features.scalars.prefix(10 * data.featureCount)))
        labels = Tensor(Array(data.labels.scalars.prefix(10)))
        var generator = Xoshiro256StarStar(seed: 0)
        network = Sequential([Dense(inputCount: data.featureCount, outputCount: 1, using: &generator)])
        parameters = network.parameters
        compiled = CompiledNetwork(network)!
        optimizer = try Optimizer(RMSProp(learningRate: 0.01, decay: 0.9))
        trainer = try Trainer(optimizer: "rmsprop", hyperparameters: ["learning_rate": .number(0.01), "gamma1": .number(0.9)])
    }

    /// `train_ch7`'s step: `(X·w + b − y)² / 2` averaged, the fused RMSProp.
    func scratchStep() throws {
        tape.recording {
            let recorded = tape.parameters(parameters)
            let (w, b) = (recorded[recorded.startIndex], recorded[recorded.startIndex + 1])
            tape.backward(from: (features.matmul(w) + b).squaredLoss(labels: labels).mean())
            tape.moveGradients(of: recorded, into: &gradients)
        }
        try optimizer.step(&parameters, gradients: gradients)
    }

    /// `train_gluon_ch7`'s step: the Dense network compiled, Gluon's L2 loss, the Trainer by name.
    func conciseStep() throws {
        _ = compiled.l2Loss(features: features, labels: labels, parameters: parameters, gradients: &gradients)
        try trainer.step(&parameters, gradients: gradients, batchSize: 10)
    }

    /// The same step with the network recorded on the tape (what a network that does not
    /// compile runs).
    func conciseTapeStep() throws {
        tape.recording {
            let (output, recorded) = network.forward(features, parameters: parameters, on: tape)
            tape.backward(from: output.l2Loss(labels: labels))
            tape.moveGradients(of: recorded, into: &gradients)
        }
        try trainer.step(&parameters, gradients: gradients, batchSize: 10)
    }
}

func minibatchStepBenchmarks() {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal], timeUnits: .nanoseconds,
        warmupIterations: 10, maxDuration: .seconds(2), maxIterations: 100_000)
    let step = Fixture<MinibatchStep>()
    Benchmark("train_ch7 minibatch step, fused RMSProp", configuration: configuration, closure: { _ in
        try step.value!.scratchStep()
    }, setup: {
        step.value = try MinibatchStep()
        try step.value!.scratchStep()
    }, teardown: { step.value = nil })
    Benchmark("train_gluon_ch7 minibatch step, Trainer rmsprop", configuration: configuration, closure: { _ in
        try step.value!.conciseStep()
    }, setup: {
        step.value = try MinibatchStep()
        try step.value!.conciseStep()
    }, teardown: { step.value = nil })
    Benchmark("train_gluon_ch7 minibatch step on the tape, Trainer rmsprop", configuration: configuration, closure: { _ in
        try step.value!.conciseTapeStep()
    }, setup: {
        step.value = try MinibatchStep()
        try step.value!.conciseTapeStep()
    }, teardown: { step.value = nil })
}
