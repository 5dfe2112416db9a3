import D2LOptimizers
import D2LSupport
import D2LTensor
import D2LTestSupport
import Foundation
import Testing

@Suite("Optimizer snapshots")
struct OptimizerSnapshotTests {
    /// Algorithms whose state uses one, two or three slots, or none.
    static let algorithms: [(name: String, algorithm: any OptimizationAlgorithm)] = [
        ("rmsprop", RMSProp(learningRate: 0.01, decay: 0.9)),
        ("rmsprop centered with momentum", RMSProp(learningRate: 0.01, decay: 0.95, centering: .centered, momentum: 0.8)),
        ("sgd", SGD(learningRate: 0.05)),
        ("sgd with momentum", SGD(learningRate: 0.05, momentum: 0.5)),
        ("adagrad", Adagrad(learningRate: 0.1)),
    ]

    /// Gradients drawn from a seeded generator, with the parameters' shapes.
    static func gradients<Scalar: TensorScalar>(_ parameters: [Tensor<Scalar>], _ generator: inout Xoshiro256StarStar) -> [Tensor<Scalar>] {
        parameters.map { Tensor<Scalar>.randomNormal(shape: $0.shape, using: &generator) }
    }

    /// Runs 30 steps straight, and 12 steps, a snapshot through JSON into a new optimizer, and
    /// 18 more; the parameters must agree bit for bit.
    func resumesBitForBit<Scalar: TensorScalar>(_ algorithm: any OptimizationAlgorithm, _: Scalar.Type) throws {
        var generator = Xoshiro256StarStar(seed: 11)
        let start = [Tensor<Scalar>.randomNormal(shape: [4, 3], using: &generator), Tensor<Scalar>.randomNormal(shape: [3], using: &generator)]
        let gradients = (0..<30).map { _ in Self.gradients(start, &generator) }
        let groups = [ParameterGroup(parameters: [1], algorithm: SGD(learningRate: 0.001, momentum: 0.9))]

        var straight = try Optimizer<Scalar>(algorithm, groups: groups)
        straight.multipliers = [0: ParameterMultipliers(learningRate: 0.5, weightDecay: 2)]
        var expected = start
        for g in gradients { try straight.step(&expected, gradients: g) }

        var first = try Optimizer<Scalar>(algorithm, groups: groups)
        first.multipliers = straight.multipliers
        var actual = start
        for g in gradients.prefix(12) { try first.step(&actual, gradients: g) }
        let data = try JSONEncoder().encode(try first.snapshot())
        var second = try Optimizer<Scalar>(algorithm, groups: groups)
        second.multipliers = straight.multipliers
        try second.restore(from: JSONDecoder().decode(OptimizerSnapshot.self, from: data), parameterShapes: actual.map(\.shape))
        #expect(second.stepCount == 12)
        for g in gradients.dropFirst(12) { try second.step(&actual, gradients: g) }

        for (a, e) in zip(actual, expected) {
            #expect(a.scalars.map { Double($0).bitPattern } == e.scalars.map { Double($0).bitPattern })
        }
        #expect(second.state == straight.state)
    }

    @Test("a snapshot restored into a new optimizer continues bit for bit", arguments: algorithms.map(\.name))
    func resumes(name: String) throws {
        let algorithm = try #require(Self.algorithms.first { $0.name == name }).algorithm
        try resumesBitForBit(algorithm, Float.self)
        try resumesBitForBit(algorithm, Double.self)
    }

    @Test("a snapshot from other hyperparameters is refused, naming them")
    func otherHyperparameters() throws {
        var optimizer = try Optimizer<Float>(RMSProp(learningRate: 0.01, decay: 0.9))
        var parameters = [Tensor<Float>.ones(shape: [2])]
        try optimizer.step(&parameters, gradients: [Tensor.ones(shape: [2])])
        let snapshot = try optimizer.snapshot()
        var other = try Optimizer<Float>(RMSProp(learningRate: 0.02, decay: 0.9))
        let error = try #require(throws: OptimizerSnapshotError.self) { try other.restore(from: snapshot) }
        guard case let .configurationMismatch(differences) = error else { Issue.record("\(error)"); return }
        #expect(differences.map(\.shortPath) == ["options.learningRate.base"])
        #expect(error.description.contains("0.01") && error.description.contains("0.02"))
        #expect(other.stepCount == 0)

        var sgd = try Optimizer<Float>(SGD(learningRate: 0.01))
        #expect(throws: OptimizerSnapshotError.self) { try sgd.restore(from: snapshot) }
        var doubles = try Optimizer<Double>(RMSProp(learningRate: 0.01, decay: 0.9))
        #expect(throws: OptimizerSnapshotError.scalarTypeMismatch(snapshot: "float", optimizer: "double")) {
            try doubles.restore(from: snapshot)
        }
        var multiplied = try Optimizer<Float>(RMSProp(learningRate: 0.01, decay: 0.9))
        multiplied.multipliers = [1: ParameterMultipliers(learningRate: 2)]
        #expect(throws: OptimizerSnapshotError.self) { try multiplied.restore(from: snapshot) }
    }

    /// The JSON of a snapshot after one RMSProp step (centered with momentum: three slots) on
    /// a parameter of 3 elements, as a mutable dictionary.
    func snapshotObject() throws -> [String: Any] {
        var optimizer = try Optimizer<Float>(RMSProp(centering: .centered, momentum: 0.5))
        var parameters = [Tensor<Float>.ones(shape: [3])]
        try optimizer.step(&parameters, gradients: [Tensor.ones(shape: [3])])
        return try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(optimizer.snapshot())) as? [String: Any])
    }

    func restore(_ object: [String: Any]) throws {
        let snapshot = try JSONDecoder().decode(OptimizerSnapshot.self, from: JSONSerialization.data(withJSONObject: object))
        var optimizer = try Optimizer<Float>(RMSProp(centering: .centered, momentum: 0.5))
        try optimizer.restore(from: snapshot, parameterShapes: [[3]])
    }

    @Test("damaged snapshots are refused with an error, never a trap")
    func damaged() throws {
        let valid = try snapshotObject()
        try restore(valid)
        var cases: [(String, [String: Any])] = []
        var object = valid
        object["formatVersion"] = 2
        cases.append(("future version", object))
        object = valid
        object["first"] = ["3ff0000000000000"]
        cases.append(("short slot", object))
        object = valid
        object["third"] = [String]()
        cases.append(("missing slot", object))
        object = valid
        object["shapes"] = [[4]]
        cases.append(("other shape", object))
        object = valid
        object["shapes"] = [[Int.max, Int.max]]
        cases.append(("overflowing shape", object))
        object = valid
        object["shapes"] = [[-3]]
        cases.append(("negative dimension", object))
        object = valid
        object["stepCount"] = -1
        cases.append(("negative step count", object))
        object = valid
        object["first"] = ["3fb999999999999a", "3fb999999999999a", "3fb999999999999a"]  // 0.1 is not a Float
        cases.append(("value Float cannot hold", object))
        for (name, object) in cases {
            #expect(throws: OptimizerSnapshotError.self, "\(name)") { try restore(object) }
        }
        object = valid
        object["first"] = ["not hex", "", "0"]
        #expect(throws: DecodingError.self) { try restore(object) }
    }

    @Test("exact doubles keep every bit: signed zero, subnormals, infinities, NaN payloads")
    func exactDoubles() throws {
        let values: [Double] = [0.1, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude, -.infinity, Double(bitPattern: 0x7ff8_0000_dead_beef), 1 / 3]
        let decoded = try JSONDecoder().decode(ExactDoubles.self, from: JSONEncoder().encode(ExactDoubles(values)))
        #expect(decoded.values.map(\.bitPattern) == values.map(\.bitPattern))
        #expect(ExactDoubles([0.5, 0.25]).exactly(as: Float.self) == [0.5, 0.25])
        #expect(ExactDoubles([0.1]).exactly(as: Float.self) == nil)
    }
}
