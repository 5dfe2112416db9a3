import D2LOptimizers
import D2LTestSupport
import D2LTraining
import Foundation

/// A `train_ch7` or `train_gluon_ch7` run recorded from MXNet 1.9.1 by
/// `Tests/Fixtures/mxnet/record_ch7.py`.
struct Ch7Fixture: Decodable {
    var path: String
    var optimizer: String
    var hyperparameters: [String: HyperparameterValue]
    var batchSize: Int
    var epochs: Int
    var losses: [Double]
    var parameters: [Double]
    var firstNonfiniteUpdate: Int?

    enum CodingKeys: String, CodingKey {
        case path, optimizer, hyperparameters, losses, parameters, epochs
        case batchSize = "batch_size"
        case firstNonfiniteUpdate = "first_nonfinite_update"
    }

    /// Every recorded run of the given path (`scratch` or `concise`).
    static func all(path: String) throws -> [(name: String, fixture: Ch7Fixture)] {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN"
        )
        return try Fixtures.files(in: "mxnet").filter { $0.hasPrefix("ch7-\(path)-") }.map { name in
            (name, try decoder.decode(Ch7Fixture.self, from: Data(contentsOf: Fixtures.url("mxnet/\(name)"))))
        }
    }

    /// The deterministic settings the run was recorded with.
    var settings: Ch7Settings {
        Ch7Settings(batchSize: batchSize, epochs: epochs, shuffle: false, seed: 0, initialization: .zeros)
    }

    func number(_ key: String) -> Double {
        guard case let .number(value) = hyperparameters[key] else { preconditionFailure("fixture lacks \(key)") }
        return value
    }

    /// The book's from-scratch rule this run used.
    var scratchMethod: ScratchOptimizer<Float>.Method {
        switch optimizer {
        case "sgd": .sgd(learningRate: number("lr"))
        case "momentum": .momentum(learningRate: number("lr"), momentum: number("momentum"))
        case "adagrad": .adagrad(learningRate: number("lr"))
        case "rmsprop": .rmsprop(learningRate: number("lr"), decay: number("gamma"))
        case "adadelta": .adadelta(rho: number("rho"))
        default: .adam(learningRate: number("lr"))
        }
    }
}
