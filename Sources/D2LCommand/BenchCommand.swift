import ArgumentParser
import D2LDataParallel
import D2LDistributed
import D2LOptimizers
import D2LTensor
import Foundation

/// `d2l bench`: times optimizer steps over synthetic buffers, through the same
/// ``Optimizer`` and kernels that training uses — a quick measurement without the benchmark
/// harness of `Benchmarks/`.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time optimizer steps over N parameters (ns per parameter, GB/s).",
        discussion: """
            Splits --params parameters into --tensors equal tensors (the first ones one element longer when
            they do not divide evenly), fills parameters and gradients with fixed values, and times --steps
            optimizer steps after --untimed-steps untimed ones; prints the median. GB/s counts the bytes a step must
            move: every parameter and state element read and written once, every gradient read once (plain
            RMSProp on Float: 20 bytes per parameter), plus one read of gradients and parameters for --clip-norm.
            --layout arena (the default) keeps all tensors in one contiguous buffer stepped in one pass;
            --layout tensors steps an array of tensors, one kernel call each, as the Trainer does.
            --dtype mixed: Float16 parameters and gradients with Float master weights and state.
            --data-parallel (under mpirun, in a build with --traits MPI) times the sharded step of d2l train
            --data-parallel instead: every rank holds all parameters and fixed gradients; a step reduce-scatters
            the gradients, updates this rank's 1/N of the parameters (with optimizer state for that 1/N only) and
            allgathers them. The time leaves out writing the fixed gradients and the barrier before each step.
            JSON adds world_size, optimizer_state_bytes_per_rank (rank 0's) and bytes_communicated_per_step: the
            bytes of the buffers rank 0 passed to the collectives in a step (the whole gradient to the
            reduce-scatter, all parameters to the allgather, the loss to an allreduce), what MPI was asked to move.
            Example: d2l bench --optimizer rmsprop --params 50000000 --threads 2 --format json
            Example: mpirun -np 2 d2l bench --params 50000000 --threads 1 --data-parallel --format json
            """
    )

    @OptionGroup var rates: RateOptions
    @OptionGroup var optimizerOptions: OptimizerOptions

    @Option(parsing: .unconditional, help: "Parameters in all (≥ 1).")
    var params = 10_000_000

    @Option(parsing: .unconditional, help: "Tensors the parameters are split into (1 ... params).")
    var tensors = 1

    @Option(parsing: .unconditional, help: "Most threads a kernel pass may use (≥ 1; default: D2L_NUM_THREADS or every processor).")
    var threads: Int?

    @Option(help: "arena (one contiguous buffer, one pass) or tensors (one kernel call per tensor).")
    var layout: BenchLayout = .arena

    @Option(help: "Scalar type: float, double, or mixed (Float16 parameters, Float master weights).")
    var dtype: BenchScalarType = .float

    @Option(parsing: .unconditional, help: "Timed steps (≥ 1); the median is printed.")
    var steps = 10

    @Option(name: .customLong("untimed-steps"), parsing: .unconditional, help: "Untimed steps first (≥ 0).")
    var untimedSteps = 2

    @Option(help: "Output: text (one line) or json.")
    var format: BenchFormat = .text

    @Flag(
        name: .customLong("data-parallel"),
        help: "Time the sharded step across the ranks started by mpirun (a build with --traits MPI) instead."
    )
    var dataParallel = false

    func validate() throws {
        guard params >= 1 else { throw ValidationError("--params must be ≥ 1, not \(params)") }
        guard tensors >= 1, tensors <= params else {
            throw ValidationError("--tensors must be between 1 and --params (\(params)), not \(tensors)")
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be ≥ 1, not \(threads)") }
        guard steps >= 1 else { throw ValidationError("--steps must be ≥ 1, not \(steps)") }
        guard untimedSteps >= 0 else { throw ValidationError("--untimed-steps must be ≥ 0, not \(untimedSteps)") }
        if dtype == .mixed && layout == .tensors {
            throw ValidationError("--dtype mixed works on an arena; use --layout arena")
        }
        if dataParallel && (dtype == .mixed || layout == .tensors) {
            throw ValidationError("--data-parallel steps an arena of float or double; leave out --layout tensors and --dtype mixed")
        }
    }

    func run() throws {
        let communicator = try dataParallel ? ByteCountingCommunicator(DataParallelOptions.world()) : nil
        do {
            try measureAndPrint(on: communicator)
        } catch let error as DistributedError {
            try CommandFailure.fail(error.description, status: CommandFailure.other)
        }
        if communicator != nil { try DataParallelOptions.finishWorld() }
    }

    /// Measures a step (the sharded one across `communicator`'s ranks when there is one) and
    /// prints the result (on rank 0 alone).
    private func measureAndPrint(on communicator: ByteCountingCommunicator?) throws {
        let algorithm = try CommandFailure.checkingUsage(of: Self.self) {
            let algorithm = try optimizerOptions.algorithm(rates: rates, sectionLearningRate: 0.01)
            try checkMemory(for: algorithm)
            return algorithm
        }
        let parallelism = KernelParallelism(maximumThreads: threads ?? KernelParallelism.defaultMaximumThreads)
        try CommandFailure.handling {
            let (seconds, stateBytes) = try KernelParallelism.$current.withValue(parallelism) { () throws -> (Double, Int) in
                switch (dtype, communicator) {
                case let (.float, communicator?): try measureDataParallel(Float.self, algorithm, on: communicator)
                case let (.double, communicator?): try measureDataParallel(Double.self, algorithm, on: communicator)
                case (.float, nil): try measure(Float.self, algorithm)
                case (.double, nil): try measure(Double.self, algorithm)
                case (.mixed, _): try measureMixed(algorithm)
                }
            }
            guard communicator?.rank ?? 0 == 0 else { return }
            let parallelFields = communicator.map {
                #""world_size": \#($0.size), "optimizer_state_bytes_per_rank": \#(stateBytes), "#
                    + #""bytes_communicated_per_step": \#($0.bytes / (untimedSteps + steps)), "#
            } ?? ""
            let parallelText = communicator.map {
                ", \($0.size) rank\($0.size == 1 ? "" : "s"): \(stateBytes) bytes of optimizer state on rank 0, "
                    + "\($0.bytes / (untimedSteps + steps)) bytes passed to collectives per step"
            } ?? ""
            let largest = (params + tensors - 1) / tensors
            let usedThreads = layout == .arena
                ? parallelism.threadCount(forElementCount: params) : parallelism.threadCount(forElementCount: largest)
            let bytes = movedBytesPerParameter(algorithm)
            let nanoseconds = seconds * 1e9 / Double(params)
            let gigabytes = Double(bytes) * Double(params) / seconds / 1e9
            let name = type(of: algorithm).name
            switch format {
            case .json:
                print(
                    #"{"ns_per_param": \#(Self.decimal(nanoseconds, 6)), "gb_per_s": \#(Self.decimal(gigabytes, 3)), "#
                        + #""threads": \#(usedThreads), "optimizer": "\#(name)", "params": \#(params), "tensors": \#(tensors), "#
                        + #""layout": "\#(layout.rawValue)", "dtype": "\#(dtype.rawValue)", "bytes_per_param": \#(Self.number(bytes)), "#
                        + #""state_precision": "\#(optimizerOptions.statePrecision.rawValue)", "#
                        + #""state_bytes_per_param": \#(Self.decimal(Double(stateBytes) / Double(params), 6)), "#
                        + parallelFields + #""seconds_per_step": \#(Self.decimal(seconds, 9)), "steps": \#(steps)}"#)
            case .text:
                print(
                    "\(name): \(params) parameters in \(tensors) \(tensors == 1 ? "tensor" : "tensors") (\(layout.rawValue), \(dtype.rawValue)), "
                        + "\(usedThreads) \(usedThreads == 1 ? "thread" : "threads"): \(Self.decimal(nanoseconds, 3)) ns per parameter, "
                        + "\(Self.decimal(gigabytes, 1)) GB/s at \(Self.number(bytes)) bytes per parameter, \(Self.decimal(seconds * 1e3, 3)) ms per step" + parallelText)
            }
        }
    }

    /// Refuses a benchmark whose buffers would not fit in three quarters of the machine's memory.
    private func checkMemory(for algorithm: any OptimizationAlgorithm) throws {
        let bytes = Double(params) * Double(Self.bytesPerParameter(algorithm, dtype: dtype) + Self.scalarBytes(dtype))
        let available = Double(ProcessInfo.processInfo.physicalMemory) * 0.75
        guard bytes <= available else {
            throw ValidationError(String(
                format: "--params %d needs about %.1f GB of memory; this machine has %.1f GB to spare",
                params, bytes / 1e9, available / 1e9))
        }
    }

    /// `value` as an integer when it is one, else with three decimals.
    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : decimal(value, 3)
    }

    /// The bytes a step moves per parameter: ``bytesPerParameter(_:dtype:)`` with `Scalar`
    /// state; with 8-bit state, each quantized tensor's slots move their codes and absmax values
    /// (read and written) instead, `2 · (1 + 4/256)` bytes per element and slot.
    private func movedBytesPerParameter(_ algorithm: any OptimizationAlgorithm) -> Double {
        let floatBytes = Double(Self.bytesPerParameter(algorithm, dtype: dtype))
        let precision = optimizerOptions.precision()
        let slots = Double([StateSlots.first, .second, .third].filter { algorithm.stateSlots.contains($0) }.count)
        let stateBytes = Double(dtype == .double ? 8 : 4) * 2 * slots
        var total = 0.0
        for shape in shapes {
            let count = shape[0]
            guard precision.quantizes(elementCount: count) else {
                total += floatBytes * Double(count)
                continue
            }
            let blocks = Double((count + QuantizedBuffer.blockSize - 1) / QuantizedBuffer.blockSize)
            total += (floatBytes - stateBytes) * Double(count) + slots * 2 * (Double(count) + 4 * blocks)
        }
        return total / Double(params)
    }

    /// `value` with `digits` decimals.
    private static func decimal(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }

    /// The sizes of the tensors: `params` split as evenly as possible.
    private var shapes: [[Int]] {
        let base = params / tensors
        let extra = params % tensors
        return (0..<tensors).map { [base + ($0 < extra ? 1 : 0)] }
    }

    /// A fixed, varied gradient value for element `i` (magnitudes 10⁻⁴ … 10⁻¹, both signs).
    private static func gradient(_ i: Int) -> Double { Double(i % 997 - 498) * 2e-4 }

    /// A fixed parameter value for element `i`.
    private static func parameter(_ i: Int) -> Double { Double(i % 1000 - 500) * 1e-3 }

    /// The median seconds of a step and the bytes the optimizer's state holds.
    private func measure<Scalar: TensorScalar>(_: Scalar.Type, _ algorithm: any OptimizationAlgorithm) throws -> (Double, Int) {
        var optimizer = try Optimizer<Scalar>(algorithm, statePrecision: optimizerOptions.precision())
        switch layout {
        case .arena:
            var arena = try ParameterArena<Scalar>(shapes: shapes)
            arena.parameters.withUnsafeMutableBufferPointer { p in
                for i in p.indices { p[i] = Scalar(Self.parameter(i)) }
            }
            arena.gradients.withUnsafeMutableBufferPointer { g in
                for i in g.indices { g[i] = Scalar(Self.gradient(i)) }
            }
            return (try time { () throws(OptimizerError) in try optimizer.step(&arena); return 0 }, optimizer.state.byteCount)
        case .tensors:
            var start = 0
            var parameters: [Tensor<Scalar>] = []
            var gradients: [Tensor<Scalar>] = []
            for shape in shapes {
                let range = start..<start + shape[0]
                parameters.append(Tensor(range.map { Scalar(Self.parameter($0)) }))
                gradients.append(Tensor(range.map { Scalar(Self.gradient($0)) }))
                start = range.upperBound
            }
            return (
                try time { () throws(OptimizerError) in try optimizer.step(&parameters, gradients: gradients); return 0 },
                optimizer.state.byteCount
            )
        }
    }

    private func measureMixed(_ algorithm: any OptimizationAlgorithm) throws -> (Double, Int) {
        #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
        var optimizer = try Optimizer<Float>(algorithm, statePrecision: optimizerOptions.precision())
        var arena = try MixedPrecisionArena(shapes: shapes)
        arena.masterParameters.withUnsafeMutableBufferPointer { p in
            for i in p.indices { p[i] = Float(Self.parameter(i)) }
        }
        arena.gradients.withUnsafeMutableBufferPointer { g in
            for i in g.indices { g[i] = Float16(Self.gradient(i)) }
        }
        return (try time { () throws(OptimizerError) in try optimizer.step(&arena); return 0 }, optimizer.state.byteCount)
        #else
        throw ValidationError("--dtype mixed needs Float16, which macOS on x86_64 lacks")
        #endif
    }

    /// The sharded step of ``DataParallel`` over every rank of `communicator`, on a global batch
    /// of one example per rank whose gradient is the fixed one: the median seconds of a step
    /// (leaving out the barrier before it and the writing of the gradient) and the bytes of this
    /// rank's optimizer state.
    private func measureDataParallel<Scalar: TensorScalar & CommunicationScalar>(
        _: Scalar.Type, _ algorithm: any OptimizationAlgorithm, on communicator: ByteCountingCommunicator
    ) throws -> (Double, Int) {
        var arena = try ParameterArena<Scalar>(shapes: shapes)
        arena.parameters.withUnsafeMutableBufferPointer { p in
            for i in p.indices { p[i] = Scalar(Self.parameter(i)) }
        }
        let fixedGradients = (0..<params).map { Scalar(Self.gradient($0)) }
        var parallel = try DataParallel(
            optimizer: try Optimizer<Scalar>(algorithm, statePrecision: optimizerOptions.precision()),
            layout: arena.layout, communicator: communicator)
        let clock = ContinuousClock()
        let seconds = try time { () throws -> Double in
            let start = clock.now
            try communicator.barrier()
            var leftOut = clock.now - start
            _ = try parallel.step(&arena, batchSize: communicator.size) { _, arena in
                let start = clock.now
                arena.gradients.withUnsafeMutableBufferPointer { gradients in
                    fixedGradients.withUnsafeBufferPointer { _ = gradients.update(fromContentsOf: $0) }
                }
                leftOut += clock.now - start
                return 0
            }
            return Self.seconds(leftOut)
        }
        return (seconds, parallel.optimizerStateBytes)
    }

    /// The median seconds of `steps` calls of `step` after `untimedSteps` untimed ones, less the
    /// seconds each call returns (the part of it not to count).
    private func time<Failure: Error>(_ step: () throws(Failure) -> Double) throws(Failure) -> Double {
        for _ in 0..<untimedSteps { _ = try step() }
        let clock = ContinuousClock()
        var samples: [Double] = []
        samples.reserveCapacity(steps)
        for _ in 0..<steps {
            let start = clock.now
            let leftOut = try step()
            samples.append(Self.seconds(clock.now - start) - leftOut)
        }
        samples.sort()
        return steps % 2 == 1 ? samples[steps / 2] : (samples[steps / 2 - 1] + samples[steps / 2]) / 2
    }

    /// `duration` in seconds.
    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    /// The bytes one step must move per parameter: parameters and every state slot read and
    /// written, gradients read; for clipping by global norm, one more read of both.
    static func bytesPerParameter(_ algorithm: any OptimizationAlgorithm, dtype: BenchScalarType) -> Int {
        let slots = [StateSlots.first, .second, .third].filter { algorithm.stateSlots.contains($0) }.count
        let clipPass = algorithm.options.clipNorm == nil ? 0 : 1
        switch dtype {
        case .float: return 4 * (3 + 2 * slots + 2 * clipPass)
        case .double: return 8 * (3 + 2 * slots + 2 * clipPass)
        // Write p₁₆, read g₁₆, read and write the Float master weight and each state slot.
        case .mixed: return 2 + 2 + 8 + 8 * slots + (2 + 4) * clipPass
        }
    }

    /// Memory beyond the step's buffers that the benchmark holds per parameter (the tensors
    /// layout's staging copies, the mixed arena's master weights are already counted).
    static func scalarBytes(_ dtype: BenchScalarType) -> Int {
        dtype == .double ? 8 : 4
    }
}

/// How `d2l bench` lays out the tensors.
enum BenchLayout: String, ExpressibleByArgument, CaseIterable {
    /// One contiguous ``ParameterArena``: one kernel pass per step.
    case arena
    /// An array of tensors: one kernel call per tensor, as ``D2LNN/Trainer`` steps.
    case tensors
}

/// The scalar types `d2l bench` measures.
enum BenchScalarType: String, ExpressibleByArgument, CaseIterable {
    case float, double, mixed
}

/// How `d2l bench` prints its result.
enum BenchFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
