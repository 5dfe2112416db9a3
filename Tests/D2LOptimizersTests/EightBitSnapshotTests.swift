import D2LOptimizers
import D2LTensor
import Foundation
import Testing

@Suite("8-bit state in snapshots")
struct EightBitSnapshotTests {
    static let algorithm = RMSProp(centering: .centered, momentum: 0.9)
    static let counts = [5_000, 12]

    static func data(steps: Int) -> ([Tensor<Float>], [[Tensor<Float>]]) {
        var generator = Xoshiro256StarStar(seed: 21)
        let parameters = counts.map { Tensor<Float>.randomNormal(shape: [$0], using: &generator) }
        let gradients = (0..<steps).map { _ in counts.map { Tensor<Float>.randomNormal(shape: [$0], using: &generator) * 0.1 } }
        return (parameters, gradients)
    }

    /// An optimizer after `steps` of the six steps, with its parameters.
    static func run(_ precision: StatePrecision, steps: Int) throws -> (Optimizer<Float>, [Tensor<Float>]) {
        let (initial, gradients) = data(steps: 6)
        var parameters = initial
        var optimizer = try Optimizer<Float>(algorithm, statePrecision: precision)
        for step in gradients.prefix(steps) { try optimizer.step(&parameters, gradients: step) }
        return (optimizer, parameters)
    }

    @Test("codes and absmax survive JSON exactly, and a resumed run continues bit for bit",
          arguments: [StateRounding.nearest, .stochastic(seed: 3)])
    func resumes(rounding: StateRounding) throws {
        let precision = StatePrecision.eightBit(rounding: rounding)
        let (uninterrupted, expected) = try Self.run(precision, steps: 6)
        var (first, parameters) = try Self.run(precision, steps: 3)
        let snapshot = try first.snapshot()
        #expect(snapshot.quantized != nil)
        let decoded = try JSONDecoder().decode(OptimizerSnapshot.self, from: JSONEncoder().encode(snapshot))
        #expect(decoded == snapshot)
        var resumed = try Optimizer<Float>(Self.algorithm, statePrecision: precision)
        try resumed.restore(from: decoded, parameterShapes: Self.counts.map { [$0] })
        #expect(resumed.state == first.state)
        let gradients = Self.data(steps: 6).1
        for step in gradients[3...] { try resumed.step(&parameters, gradients: step) }
        #expect(parameters.map(\.scalars) == expected.map(\.scalars))
        #expect(resumed.state == uninterrupted.state)
        first = resumed
    }

    @Test("another state precision is refused unless converting, and converts both ways")
    func conversion() throws {
        let (eightBit, _) = try Self.run(.eightBit(), steps: 3)
        let (float, _) = try Self.run(.float32, steps: 3)
        var floatOptimizer = try Optimizer<Float>(Self.algorithm)
        #expect(throws: OptimizerSnapshotError.self) { try floatOptimizer.restore(from: eightBit.snapshot()) }
        do {
            try floatOptimizer.restore(from: eightBit.snapshot())
        } catch {
            guard case .statePrecisionMismatch = error else { Issue.record("\(error)"); return }
            #expect(error.description.contains("8-bit state for 1 of 2 tensors"))
        }
        try floatOptimizer.restore(from: eightBit.snapshot(), convertingStatePrecision: true)
        #expect(floatOptimizer.state.quantized.elementCount == 0)
        for slot in [StateSlots.second, .third] {
            for index in 0..<2 {
                #expect(floatOptimizer.state.tensor(slot: slot, parameter: index) == eightBit.state.tensor(slot: slot, parameter: index))
            }
        }
        // Centred: the 8-bit slot holds v = s − m², the Float one s = v + m².
        let variance = eightBit.state.tensor(slot: .first, parameter: 0).scalars
        let mean = eightBit.state.tensor(slot: .second, parameter: 0).scalars
        #expect(floatOptimizer.state.tensor(slot: .first, parameter: 0).scalars == zip(variance, mean).map { $0 + $1 * $1 })
        var eightBitOptimizer = try Optimizer<Float>(Self.algorithm, statePrecision: .eightBit())
        #expect(throws: OptimizerSnapshotError.self) { try eightBitOptimizer.restore(from: float.snapshot()) }
        try eightBitOptimizer.restore(from: float.snapshot(), convertingStatePrecision: true)
        #expect(eightBitOptimizer.state.quantized.isQuantized(parameter: 0))
        let s = float.state.tensor(slot: .first, parameter: 0).scalars
        let m = float.state.tensor(slot: .second, parameter: 0).scalars
        let values = zip(s, m).map { max(0, $0 - $1 * $1) }
        #expect(eightBitOptimizer.state.quantized.buffer(slot: .first, parameter: 0) == QuantizedBuffer(values, map: .unsigned, rounding: .nearest))
        #expect(eightBitOptimizer.state.tensor(slot: .third, parameter: 1) == float.state.tensor(slot: .third, parameter: 1))
    }

    @Test("damaged 8-bit state is refused with an error")
    func damaged() throws {
        let (optimizer, _) = try Self.run(.eightBit(), steps: 2)
        let snapshot = try optimizer.snapshot()
        var restoring = try Optimizer<Float>(Self.algorithm, statePrecision: .eightBit())
        try #require(snapshot.quantized != nil)
        let json = try JSONEncoder().encode(snapshot)
        var object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        var quantized = try #require(object["quantized"] as? [String: Any])
        var first = try #require(quantized["first"] as? [String: Any])
        first["absmax"] = Data([0, 0, 0xC0, 0x7F]).base64EncodedString()
        quantized["first"] = first
        object["quantized"] = quantized
        let damaged = try JSONDecoder().decode(OptimizerSnapshot.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(throws: OptimizerSnapshotError.self) { try restoring.restore(from: damaged) }
        first["sign"] = "signed"
        quantized["first"] = first
        object["quantized"] = quantized
        let wrongMap = try JSONDecoder().decode(OptimizerSnapshot.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(throws: OptimizerSnapshotError.self) { try restoring.restore(from: wrongMap) }
        #expect(restoring.state == .empty)
    }
}
