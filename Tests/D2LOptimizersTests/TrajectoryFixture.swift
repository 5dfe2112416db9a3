import D2LOptimizers
import D2LTensor
import D2LTestSupport
import Foundation

/// A JSON value of a fixture's hyperparameters.
enum FixtureValue: Decodable, Equatable {
    case number(Double), flag(Bool), text(String), list([FixtureValue]), object([String: FixtureValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = .flag(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .text(text)
        } else if let list = try? container.decode([FixtureValue].self) {
            self = .list(list)
        } else {
            self = .object(try container.decode([String: FixtureValue].self))
        }
    }

    /// The value as a registry hyperparameter, when it is a scalar.
    var hyperparameter: HyperparameterValue? {
        switch self {
        case let .number(value): .number(value)
        case let .flag(value): .flag(value)
        case let .text(value): .text(value)
        case .list, .object: nil
        }
    }
}

/// An optimizer trajectory recorded from a framework: the gradients fed at each step and the
/// parameters after it (`Tests/Fixtures/optimizers`, `Tests/Fixtures/mxnet`).
struct TrajectoryFixture: Decodable {
    struct Step: Decodable {
        var gradients: [[Double]]
        var parameters: [[Double]]
        var lr: Double?
    }

    var preset: String
    var option: String
    var problem: String
    var dtype: String
    var hyperparameters: [String: FixtureValue]
    var parameterNames: [String]
    var shapes: [[Int]]
    var initial: [[Double]]
    var steps: [Step]

    enum CodingKeys: String, CodingKey {
        case preset, option, problem, dtype, hyperparameters, shapes, initial, steps
        case parameterNames = "parameter_names"
    }

    static func load(_ path: String) throws -> TrajectoryFixture {
        try Fixtures.decode(TrajectoryFixture.self, from: path)
    }

    /// The registry's algorithm for these hyperparameters under the fixture's preset.
    func algorithm(overriding overrides: [String: FixtureValue] = [:]) throws -> any OptimizationAlgorithm {
        var values: [String: HyperparameterValue] = [:]
        for (key, value) in hyperparameters.merging(overrides, uniquingKeysWith: { $1 }) {
            if let scalar = value.hyperparameter { values[key] = scalar }
        }
        values["warmup"] = values["warmup"].map { .number(try! $0.numberValue()) }
        return try OptimizerRegistry.algorithm(named: "rmsprop", hyperparameters: values, preset: Preset(rawValue: preset)!)
    }

    /// The optimizer the framework ran: parameter groups and multipliers included.
    func optimizer<Scalar: TensorScalar>(as _: Scalar.Type) throws -> Optimizer<Scalar> {
        var groups: [ParameterGroup] = []
        if case let .list(entries) = hyperparameters["param_groups"] {
            for case let .object(entry) in entries {
                guard case let .list(names) = entry["parameters"] else { continue }
                let indices = names.compactMap { name -> Int? in
                    guard case let .text(text) = name else { return nil }
                    return parameterNames.firstIndex(of: text)
                }
                var overrides = entry
                overrides["parameters"] = nil
                groups.append(ParameterGroup(parameters: indices, algorithm: try algorithm(overriding: overrides)))
            }
        }
        var optimizer = try Optimizer<Scalar>(try algorithm(), groups: groups)
        for (key, keyPath) in [("lr_mult", \ParameterMultipliers.learningRate), ("wd_mult", \ParameterMultipliers.weightDecay)] {
            guard case let .object(byName) = hyperparameters[key] else { continue }
            for (name, value) in byName {
                guard case let .number(factor) = value, let index = parameterNames.firstIndex(of: name) else { continue }
                optimizer.multipliers[index, default: ParameterMultipliers()][keyPath: keyPath] = factor
            }
        }
        return optimizer
    }

    /// The largest magnitude of any parameter along the recorded trajectory (at least 1).
    var scale: Double {
        steps.flatMap { $0.parameters.flatMap { $0 } }.reduce(1) { max($0, abs($1)) }
    }

    /// Replays the recorded gradients and returns the largest difference from the recorded
    /// parameters relative to ``scale``, with the step where it occurred.
    func replay<Scalar: TensorScalar>(as type: Scalar.Type) throws -> (worst: Double, step: Int) {
        var optimizer = try optimizer(as: type)
        var parameters = try zip(initial, shapes).map { try Tensor<Scalar>(shape: $1, scalars: $0.map { Scalar($0) }) }
        var worst = (0.0, 0)
        for (index, step) in steps.enumerated() {
            let gradients = try zip(step.gradients, shapes).map { try Tensor<Scalar>(shape: $1, scalars: $0.map { Scalar($0) }) }
            try optimizer.step(&parameters, gradients: gradients)
            for (actual, expected) in zip(parameters, step.parameters) {
                for (a, e) in zip(actual.scalars, expected) {
                    let difference = a.isFinite ? abs(Double(a) - e) / scale : .infinity
                    if difference > worst.0 { worst = (difference, index) }
                }
            }
        }
        return worst
    }
}

extension HyperparameterValue {
    func numberValue() throws -> Double {
        switch self {
        case let .number(value): value
        case let .flag(value): value ? 1 : 0
        case let .text(text): Double(text) ?? .nan
        }
    }
}
