import D2LDataParallel
import D2LDistributed
import D2LOptimizers
import D2LTensor
import Testing

/// A linear model over tensors whose shard boundaries cut through them, trained on fixed
/// synthetic examples: the data-parallel step against one process's optimizer, and across
/// world sizes of threads.
struct ShardedProblem: Sendable {
    static let shapes = [[3, 4], [4], [5], [2, 3], [1]]
    let layout = try! ArenaLayout(shapes: shapes)
    let features: [[Float]]
    let labels: [Float]

    init(exampleCount: Int = 12) {
        var generator = Xoshiro256StarStar(seed: 7)
        let count = Self.shapes.map { $0.reduce(1, *) }.reduce(0, +)
        features = (0..<exampleCount).map { _ in (0..<count).map { _ in Float.random(in: -1...1, using: &generator) } }
        labels = (0..<exampleCount).map { _ in Float.random(in: -2...2, using: &generator) }
    }

    /// The gradient of `(p·x − y)² / 2` divided by the batch size over `examples` of `batch`,
    /// added to `gradients`; the examples' share of the loss.
    func gradient(_ examples: Range<Int>, batch: [Int], parameters: [Float], into gradients: inout [Float]) -> Double {
        var loss = 0.0
        for i in examples {
            let x = features[batch[i]]
            let prediction = zip(parameters, x).reduce(Float(0)) { $0 + $1.0 * $1.1 }
            let error = prediction - labels[batch[i]]
            let scaled = error / Float(batch.count)
            for j in gradients.indices { gradients[j] += scaled * x[j] }
            loss += Double(error * error / 2) / Double(batch.count)
        }
        return loss
    }

    /// The batches of a short run: uneven sizes, one smaller than 4 ranks.
    var batches: [[Int]] {
        [Array(0..<5), Array(5..<12), [3, 1, 4], Array(0..<12), [11, 2], [7, 8, 9, 10, 0, 1, 2]]
    }

    /// Every kind of option at once: clipping by global norm and by value, weight decay, a
    /// schedule, a group and multipliers on tensors a shard boundary cuts.
    func optimizer() throws -> Optimizer<Float> {
        let options = CommonOptions(
            learningRate: ScheduledLearningRate(0.05, schedule: .step(every: 3, factor: 0.5), warmup: 2),
            weightDecay: 0.01, clipGradient: 0.8, clipNorm: GlobalNormClipping(maximum: 0.5))
        var optimizer = try Optimizer<Float>(
            RMSProp(decay: 0.9, centering: .centered, momentum: 0.5, options: options),
            groups: [ParameterGroup(parameters: [2], algorithm: Adam(learningRate: 0.01))])
        optimizer.multipliers = [1: ParameterMultipliers(learningRate: 2, weightDecay: 0), 3: ParameterMultipliers(learningRate: 0.5)]
        return optimizer
    }

    /// Trains on `communicator` and returns the final parameters, the losses and the state bytes.
    func train(on communicator: any Communicator, reduction: GradientReduction) throws -> Run {
        var arena = try ParameterArena<Float>(shapes: Self.shapes, repeating: 0.1)
        var parallel = try DataParallel(optimizer: try optimizer(), layout: layout, communicator: communicator, reduction: reduction)
        var losses: [Double] = []
        for batch in batches {
            losses.append(try parallel.step(&arena, batchSize: batch.count) { examples, arena in
                gradient(examples, batch: batch, parameters: arena.parameters, into: &arena.gradients)
            })
        }
        return Run(parameters: arena.parameters, losses: losses, stateBytes: parallel.optimizerStateBytes)
    }

    /// One process, no data parallelism: the optimizer on the whole gradient.
    func trainAlone() throws -> Run {
        var arena = try ParameterArena<Float>(shapes: Self.shapes, repeating: 0.1)
        var optimizer = try optimizer()
        var losses: [Double] = []
        for batch in batches {
            arena.gradients = Array(repeating: 0, count: layout.elementCount)
            losses.append(gradient(0..<batch.count, batch: batch, parameters: arena.parameters, into: &arena.gradients))
            try optimizer.step(&arena)
        }
        let bytes = (optimizer.state.first.count + optimizer.state.second.count + optimizer.state.third.count) * 4
        return Run(parameters: arena.parameters, losses: losses, stateBytes: bytes)
    }

    struct Run: Sendable, Equatable {
        var parameters: [Float]
        var losses: [Double]
        var stateBytes: Int
    }
}

@Suite struct DataParallelTests {
    let problem = ShardedProblem()

    @Test("one process: the sharded step is the optimizer's own step, bit for bit")
    func oneProcessIsTheOptimizer() throws {
        let parallel = try problem.train(on: LocalCommunicator(), reduction: .sum)
        let alone = try problem.trainAlone()
        #expect(parallel == alone)
    }

    @Test("exact reduction gives the same bits at every world size", arguments: [1, 2, 3, 4])
    func exactAtEveryWorldSize(ranks: Int) throws {
        let reference = try problem.train(on: LocalCommunicator(), reduction: .exact(chunkCount: 5))
        let runs = try ThreadWorld.run(size: ranks) { try problem.train(on: $0, reduction: .exact(chunkCount: 5)) }
        for run in runs {
            #expect(run.parameters == reference.parameters)
            #expect(run.losses == reference.losses)
        }
    }

    @Test("the default reduction is within Float rounding of one process and repeats bit for bit", arguments: [2, 3, 4])
    func sumAtOtherWorldSizes(ranks: Int) throws {
        let alone = try problem.trainAlone()
        let first = try ThreadWorld.run(size: ranks) { try problem.train(on: $0, reduction: .sum) }
        let second = try ThreadWorld.run(size: ranks) { try problem.train(on: $0, reduction: .sum) }
        #expect(first == second)
        for run in first {
            #expect(run.parameters == first[0].parameters)
            #expect(abs(run.losses.last! - alone.losses.last!) <= 1e-6 * abs(alone.losses.last!))
            for (a, b) in zip(run.parameters, alone.parameters) { #expect(abs(a - b) <= 1e-5 * max(1, abs(b))) }
        }
    }

    @Test("each rank holds optimizer state for its shard only", arguments: [2, 3, 4])
    func stateIsSharded(ranks: Int) throws {
        let alone = try problem.trainAlone()
        let runs = try ThreadWorld.run(size: ranks) { try problem.train(on: $0, reduction: .sum) }
        #expect(runs.map(\.stateBytes).reduce(0, +) == alone.stateBytes)
        let perElement = alone.stateBytes / problem.layout.elementCount
        for run in runs { #expect(run.stateBytes <= perElement * (problem.layout.elementCount / ranks + 1)) }
    }

    @Test("a non-finite gradient on one rank is seen by all: every rank skips the step")
    func nonFinitePolicyIsAgreed() throws {
        let runs = try ThreadWorld.run(size: 3) { communicator -> [Float] in
            var arena = try ParameterArena<Float>(shapes: ShardedProblem.shapes, repeating: 0.1)
            var optimizer = try Optimizer<Float>(SGD(learningRate: 0.1))
            optimizer.nonFiniteGradientPolicy = .skipStep
            var parallel = try DataParallel(optimizer: optimizer, layout: problem.layout, communicator: communicator)
            _ = try parallel.step(&arena, batchSize: 3) { examples, arena in
                if examples.contains(1) { arena.gradients[20] = .nan }
                return 0
            }
            #expect(parallel.optimizer.skippedStepCount == 1)
            return arena.parameters
        }
        for parameters in runs { #expect(parameters == Array(repeating: 0.1, count: problem.layout.elementCount)) }
    }

    @Test("under throwError every rank throws the same error, naming the first non-finite gradient")
    func nonFiniteErrorIsAgreed() throws {
        let runs = try ThreadWorld.run(size: 4) { communicator -> String in
            var arena = try ParameterArena<Float>(shapes: ShardedProblem.shapes, repeating: 0.1)
            var optimizer = try Optimizer<Float>(SGD(learningRate: 0.1))
            optimizer.nonFiniteGradientPolicy = .throwError
            var parallel = try DataParallel(optimizer: optimizer, layout: problem.layout, communicator: communicator)
            do {
                _ = try parallel.step(&arena, batchSize: 4) { examples, arena in
                    if examples.contains(3) { arena.gradients[25] = .infinity }
                    if examples.contains(0) { arena.gradients[14] = -.infinity }
                    return 0
                }
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        #expect(Set(runs).count == 1)
        let expected = OptimizerError.nonFiniteGradient(NonFiniteGradient(step: 1, parameter: 1, element: 2, value: -.infinity))
        #expect(runs[0] == "\(expected)")
    }

    @Test("more ranks than examples: ranks without examples still take part")
    func moreRanksThanExamples() throws {
        let batch = [4]
        let runs = try ThreadWorld.run(size: 3) { communicator -> [Float] in
            var arena = try ParameterArena<Float>(shapes: ShardedProblem.shapes, repeating: 0.1)
            var parallel = try DataParallel(
                optimizer: try Optimizer<Float>(SGD(learningRate: 0.1)), layout: problem.layout, communicator: communicator)
            #expect(parallel.part(ofBatch: 1).count == (communicator.rank == 0 ? 1 : 0))
            _ = try parallel.step(&arena, batchSize: 1) { examples, arena in
                problem.gradient(examples, batch: batch, parameters: arena.parameters, into: &arena.gradients)
            }
            return arena.parameters
        }
        var alone = try ParameterArena<Float>(shapes: ShardedProblem.shapes, repeating: 0.1)
        _ = problem.gradient(0..<1, batch: batch, parameters: alone.parameters, into: &alone.gradients)
        var optimizer = try Optimizer<Float>(SGD(learningRate: 0.1))
        try optimizer.step(&alone)
        for parameters in runs { #expect(parameters == alone.parameters) }
    }
}

@Suite struct ShardedStatePrecisionTests {
    @Test("a sharded step refuses 8-bit state with one clear error instead of quantizing a moving part")
    func eightBitStateIsRefused() throws {
        let problem = ShardedProblem()
        var arena = try ParameterArena<Float>(shapes: ShardedProblem.shapes, repeating: 0.1)
        let optimizer = try Optimizer<Float>(RMSProp(), statePrecision: .eightBit(minimumSize: 1))
        var parallel = try DataParallel(optimizer: optimizer, layout: problem.layout, communicator: LocalCommunicator(), reduction: .sum)
        let batch = problem.batches[0]
        #expect(throws: OptimizerError.inapplicable(name: "8-bit state", reason: "a sharded step keeps its part of the state in Float")) {
            try parallel.step(&arena, batchSize: batch.count) { examples, arena in
                problem.gradient(examples, batch: batch, parameters: arena.parameters, into: &arena.gradients)
            }
        }
    }
}
