import D2LNN
import D2LOptimizers
import D2LTensor
import D2LTestSupport
import Testing

/// A Trainer configuration and the batch size it is stepped with.
struct TrainerCase: Sendable, CustomTestStringConvertible {
    var optimizer: String
    var hyperparameters: [String: HyperparameterValue]
    var batchSize: Int
    /// The factor the summed gradient should be multiplied by: `rescale_grad / batchSize`.
    var expectedScale: Double
    /// Whether skipping the rescaling would change the result measurably (RMSProp with a tiny
    /// ε is nearly invariant to the gradient's scale).
    var scaleMatters = true

    var testDescription: String { "\(optimizer) \(hyperparameters.sorted { $0.key < $1.key }) batch \(batchSize)" }
}

private let trainerCases: [TrainerCase] = [
    .init(optimizer: "sgd", hyperparameters: ["learning_rate": 0.1], batchSize: 1, expectedScale: 1),
    .init(optimizer: "sgd", hyperparameters: ["learning_rate": 0.1], batchSize: 8, expectedScale: 1.0 / 8),
    .init(optimizer: "sgd", hyperparameters: ["learning_rate": 0.1], batchSize: 10, expectedScale: 0.1),
    .init(optimizer: "sgd", hyperparameters: ["learning_rate": 0.1, "rescale_grad": 2], batchSize: 4, expectedScale: 0.5),
    .init(optimizer: "rmsprop", hyperparameters: ["learning_rate": 0.01, "gamma1": 0.9], batchSize: 10, expectedScale: 0.1, scaleMatters: false),
    .init(optimizer: "rmsprop", hyperparameters: ["learning_rate": 0.01, "gamma1": 0.9, "epsilon": 1e-2], batchSize: 16, expectedScale: 1.0 / 16),
    .init(optimizer: "adagrad", hyperparameters: ["learning_rate": 0.1, "epsilon": 1e-2], batchSize: 5, expectedScale: 0.2),
]

@Suite("Trainer")
struct TrainerTests {
    @Test("An unknown optimizer name throws, suggesting the nearest known one")
    func unknownOptimizer() throws {
        let error = try #require(throws: OptimizerError.self) {
            try Trainer<Double>(optimizer: "rmsprob", hyperparameters: ["learning_rate": 0.01])
        }
        guard case let .unknownOptimizer(name, known, suggestion) = error else {
            Issue.record("expected unknownOptimizer, got \(error)")
            return
        }
        #expect(name == "rmsprob")
        #expect(known.contains("rmsprop"))
        #expect(suggestion == "rmsprop")
    }

    @Test("An unknown hyperparameter key or an out-of-range value throws")
    func invalidHyperparameters() {
        #expect(throws: OptimizerError.self) { try Trainer<Float>(optimizer: "rmsprop", hyperparameters: ["gama1": 0.9]) }
        #expect(throws: OptimizerError.self) { try Trainer<Float>(optimizer: "rmsprop", hyperparameters: ["learning_rate": -1]) }
        #expect(throws: OptimizerError.self) { try Trainer<Float>(optimizer: "rmsprop", hyperparameters: ["gamma1": 1.5]) }
    }

    @Test(
        "step(batchSize:) equals an Optimizer step on the gradients times rescale_grad / batch size",
        arguments: scalarTypes, trainerCases
    )
    func rescalesByBatchSize(_ type: any TensorScalar.Type, _ configuration: TrainerCase) throws {
        try Self.checkRescaling(type, configuration)
    }

    private static func checkRescaling<Scalar: TensorScalar>(_: Scalar.Type, _ configuration: TrainerCase) throws {
        var generator = Xoshiro256StarStar(seed: 40)
        let start = [
            Tensor<Scalar>.randomNormal(shape: [3, 2], using: &generator),
            Tensor<Scalar>.randomNormal(shape: [2], using: &generator),
        ]
        var trainer = try Trainer<Scalar>(optimizer: configuration.optimizer, hyperparameters: configuration.hyperparameters)
        // The reference: the same algorithm (Gluon's conventions), without rescale_grad, on
        // gradients already divided by the batch size.
        var referenceHyperparameters = configuration.hyperparameters
        referenceHyperparameters["rescale_grad"] = nil
        var reference = try Optimizer<Scalar>(
            OptimizerRegistry.algorithm(named: configuration.optimizer, hyperparameters: referenceHyperparameters, preset: .mxnet)
        )
        var unscaled = reference

        var parameters = start
        var expected = start
        var unscaledParameters = start
        let tolerance: Scalar = Scalar.self == Float.self ? 2e-5 : 1e-7
        for step in 0..<3 {
            let before = parameters
            let gradients = start.map { Tensor<Scalar>.randomNormal(shape: $0.shape, standardDeviation: Scalar(step + 1), using: &generator) }
            try trainer.step(&parameters, gradients: gradients, batchSize: configuration.batchSize)
            try reference.step(&expected, gradients: gradients.map { $0 * Scalar(configuration.expectedScale) })
            try unscaled.step(&unscaledParameters, gradients: gradients)

            for index in start.indices {
                let update = (parameters[index] - before[index]).scalars
                let expectedUpdate = (expected[index] - before[index]).scalars
                #expect(
                    allClose(update, expectedUpdate, relative: tolerance),
                    "step \(step), parameter \(index): \(maximumRelativeDifference(update, expectedUpdate))"
                )
            }
            expected = parameters
        }
        // The comparison can tell: skipping the rescaling changes the result.
        if configuration.expectedScale != 1 && configuration.scaleMatters {
            #expect(!allClose(unscaledParameters.flatMap(\.scalars), parameters.flatMap(\.scalars), relative: 1e-3))
        }
        #expect(trainer.optimizer.stepCount == 3)
    }

    @Test("step throws for a batch size below 1 and for gradients of the wrong shape")
    func stepErrors() throws {
        var trainer = try Trainer<Double>(optimizer: "sgd")
        var parameters = [Tensor<Double>.ones(shape: [2])]
        #expect(throws: OptimizerError.self) { try trainer.step(&parameters, gradients: [.ones(shape: [2])], batchSize: 0) }
        #expect(throws: OptimizerError.self) { try trainer.step(&parameters, gradients: [.ones(shape: [3])], batchSize: 1) }
        #expect(throws: OptimizerError.self) { try trainer.step(&parameters, gradients: [], batchSize: 1) }
        #expect(parameters == [.ones(shape: [2])])
    }
}
