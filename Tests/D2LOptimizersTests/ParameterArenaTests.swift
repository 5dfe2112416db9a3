import D2LOptimizers
import D2LTensor
import Testing

/// Tensors of varied shapes, their gradients for a few steps, from a seed.
private func model(seed: UInt64) -> (parameters: [Tensor<Float>], gradients: [[Tensor<Float>]]) {
    var generator = Xoshiro256StarStar(seed: seed)
    let shapes = [[7, 3], [3], [1], [0], [50, 20], [20]]
    let parameters = shapes.map { Tensor<Float>.randomNormal(shape: $0, using: &generator) }
    let gradients = (0..<4).map { _ in shapes.map { Tensor<Float>.randomNormal(shape: $0, using: &generator) } }
    return (parameters, gradients)
}

private let algorithms: [(String, any OptimizationAlgorithm)] = [
    ("rmsprop", RMSProp()),
    ("rmsprop centered nesterov", RMSProp(centering: .centered, momentum: 0.5, momentumStyle: .nesterov)),
    ("rmsprop clip norm", RMSProp(options: CommonOptions(
        learningRate: ScheduledLearningRate(0.01), weightDecay: 0.01, clipNorm: GlobalNormClipping(maximum: 0.5)))),
    ("adagrad", Adagrad()),
    ("adam", Adam()),
    ("sgd momentum", SGD(momentum: 0.9)),
]

@Suite("Parameter arenas")
struct ParameterArenaTests {
    @Test("an arena step equals the step over tensors, bit for bit", arguments: algorithms.indices)
    func arenaMatchesTensors(index: Int) throws {
        let (_, algorithm) = algorithms[index]
        let (start, gradients) = model(seed: 21)
        var tensors = start
        var tensorOptimizer = try Optimizer<Float>(algorithm)
        var arena = ParameterArena(start)
        var arenaOptimizer = try Optimizer<Float>(algorithm)
        for step in gradients {
            try tensorOptimizer.step(&tensors, gradients: step)
            for (i, gradient) in step.enumerated() {
                arena.withGradients(ofTensor: i) { g in for (j, value) in gradient.scalars.enumerated() { g[j] = value } }
            }
            try arenaOptimizer.step(&arena)
        }
        for i in tensors.indices {
            #expect(arena.parameterTensor(i).scalars.map(\.bitPattern) == tensors[i].scalars.map(\.bitPattern), "tensor \(i)")
        }
        #expect(arenaOptimizer.state == tensorOptimizer.state)
        #expect(arenaOptimizer.stepCount == gradients.count)
    }

    @Test("with per-tensor multipliers the arena still matches the tensors")
    func multipliersMatch() throws {
        let (start, gradients) = model(seed: 4)
        var tensors = start
        var arena = ParameterArena(start)
        var a = try Optimizer<Float>(RMSProp(momentum: 0.3))
        var b = a
        a.multipliers = [1: ParameterMultipliers(learningRate: 2, weightDecay: 0), 4: ParameterMultipliers(learningRate: 0.5)]
        b.multipliers = a.multipliers
        for step in gradients {
            try a.step(&tensors, gradients: step)
            for (i, gradient) in step.enumerated() {
                arena.withGradients(ofTensor: i) { g in for (j, value) in gradient.scalars.enumerated() { g[j] = value } }
            }
            try b.step(&arena)
        }
        for i in tensors.indices { #expect(arena.parameterTensor(i) == tensors[i]) }
    }

    @Test("a caller's own buffers are stepped through a layout")
    func userBuffers() throws {
        let layout = try ArenaLayout(shapes: [[2, 2], [3]])
        #expect(layout.elementCount == 7)
        #expect(layout.range(ofTensor: 1) == 4..<7)
        var parameters: [Double] = [1, 2, 3, 4, 5, 6, 7]
        let gradients: [Double] = [0.5, -0.5, 1, -1, 2, 0, -2]
        var optimizer = try Optimizer<Double>(RMSProp(learningRate: 0.1))
        try parameters.withUnsafeMutableBufferPointer { p in
            try gradients.withUnsafeBufferPointer { g in try optimizer.step(parameters: p, gradients: g, layout: layout) }
        }
        var reference = [try Tensor<Double>(shape: [2, 2], scalars: [1, 2, 3, 4]), Tensor([5, 6, 7])]
        var referenceOptimizer = try Optimizer<Double>(RMSProp(learningRate: 0.1))
        try referenceOptimizer.step(&reference, gradients: [try Tensor(shape: [2, 2], scalars: [0.5, -0.5, 1, -1]), Tensor([2, 0, -2])])
        #expect(parameters == reference[0].scalars + reference[1].scalars)
    }

    @Test("buffers of the wrong length or another layout are a thrown error")
    func mismatches() throws {
        let layout = try ArenaLayout(shapes: [[4]])
        var optimizer = try Optimizer<Float>(RMSProp())
        var parameters = [Float](repeating: 1, count: 3)
        let gradients = [Float](repeating: 1, count: 3)
        #expect(throws: OptimizerError.self) {
            try parameters.withUnsafeMutableBufferPointer { p in
                try gradients.withUnsafeBufferPointer { g in try optimizer.step(parameters: p, gradients: g, layout: layout) }
            }
        }
        var arena = try ParameterArena<Float>(shapes: [[4]])
        try optimizer.step(&arena)
        var other = try ParameterArena<Float>(shapes: [[2], [2]])
        #expect(throws: OptimizerError.self) { try optimizer.step(&other) }
        #expect(throws: OptimizerError.self) { try ArenaLayout(shapes: [[2, -1]]) }
    }

    @Test("a non-finite gradient in an arena follows the optimizer's policy")
    func nonFinitePolicy() throws {
        var arena = try ParameterArena<Float>(shapes: [[3], [2]], repeating: 1)
        arena.withGradients(ofTensor: 1) { $0[1] = .nan }
        var optimizer = try Optimizer<Float>(RMSProp())
        optimizer.nonFiniteGradientPolicy = .throwError
        #expect(throws: OptimizerError.nonFiniteGradient(NonFiniteGradient(step: 1, parameter: 1, element: 1, value: .nan))) {
            try optimizer.step(&arena)
        }
        optimizer.nonFiniteGradientPolicy = .skipStep
        try optimizer.step(&arena)
        #expect(optimizer.skippedStepCount == 1)
        #expect(arena.parameters == [1, 1, 1, 1, 1])
    }

    @Test("2,000 tensors step in one pass with the same result as 2,000 calls")
    func manySmallTensors() throws {
        var arena = try ParameterArena<Float>(shapes: [[100]], count: 2_000, repeating: 0.5)
        for i in arena.gradients.indices { arena.gradients[i] = Float(i % 13) - 6 }
        var tensors = (0..<2_000).map { _ in Tensor<Float>(repeating: 0.5, shape: [100]) }
        let gradients = (0..<2_000).map { t in Tensor<Float>((0..<100).map { Float((t * 100 + $0) % 13) - 6 }) }
        var a = try Optimizer<Float>(RMSProp())
        var b = try Optimizer<Float>(RMSProp())
        try a.step(&arena)
        try b.step(&tensors, gradients: gradients)
        #expect(arena.parameters == tensors.flatMap(\.scalars))
    }
}
