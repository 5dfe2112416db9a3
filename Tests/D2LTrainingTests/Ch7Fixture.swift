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

    /// A fixture this test cannot read: a missing hyperparameter, an optimizer it does not know.
    struct Unreadable: Error, CustomStringConvertible {
        var description: String
    }

    /// The hyperparameter `key`, which the run must have recorded as a number.
    func number(_ key: String) throws -> Double {
        guard case let .number(value) = hyperparameters[key] else {
            throw Unreadable(description: "the \(optimizer) fixture lacks the number \(key)")
        }
        return value
    }

    /// The book's from-scratch rule this run used.
    ///
    /// - Throws: ``Unreadable`` for an optimizer the book's chapter does not define, so that a
    ///   new fixture is never checked against the wrong rule.
    func scratchMethod() throws -> ScratchOptimizer<Float>.Method {
        switch optimizer {
        case "sgd": .sgd(learningRate: try number("lr"))
        case "momentum": .momentum(learningRate: try number("lr"), momentum: try number("momentum"))
        case "adagrad": .adagrad(learningRate: try number("lr"))
        case "rmsprop": .rmsprop(learningRate: try number("lr"), decay: try number("gamma"))
        case "adadelta": .adadelta(rho: try number("rho"))
        case "adam": .adam(learningRate: try number("lr"))
        default: throw Unreadable(description: "no from-scratch rule for the fixture's optimizer \(optimizer)")
        }
    }
}
