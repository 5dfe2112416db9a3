import D2LNN
import D2LOptimizers
import D2LTensor
import D2LTestSupport
import Testing

@Suite("Trainer: learning rate, stepping a model; DataLoader shape errors")
struct TrainerErgonomicsTests {
    @Test("setLearningRate changes the next steps and keeps the state, as Gluon's set_learning_rate")
    func setLearningRate() throws {
        var trainer = try Trainer<Double>(optimizer: "sgd", hyperparameters: ["learning_rate": 0.1])
        #expect(trainer.learningRate == 0.1)
        var parameters: [Tensor<Double>] = [[1, 2]]
        let gradients: [Tensor<Double>] = [[1, 1]]
        try trainer.step(&parameters, gradients: gradients, batchSize: 1)
        // The mxnet preset rounds the learning rate to Float, as Gluon does.
        #expect(allClose(parameters[0].scalars, [0.9, 1.9], relative: 1e-7))
        try trainer.setLearningRate(0.5)
        #expect(trainer.learningRate == 0.5)
        try trainer.step(&parameters, gradients: gradients, batchSize: 1)
        #expect(allClose(parameters[0].scalars, [0.4, 1.4], relative: 1e-7))
        #expect(trainer.optimizer.stepCount == 2)
        #expect(throws: OptimizerError.self) { try trainer.setLearningRate(-1) }
        #expect(trainer.learningRate == 0.5)
    }

    @Test("step(_:gradients:batchSize:) on a model updates its parameters as on an array")
    func stepModel() throws {
        var generator = Xoshiro256StarStar(seed: 1)
        var net = Sequential<Double>([Dense(inputCount: 3, outputCount: 1, using: &generator)])
        var parameters = net.parameters
        var modelTrainer = try Trainer<Double>(optimizer: "rmsprop", hyperparameters: ["learning_rate": 0.01])
        var arrayTrainer = modelTrainer
        let x = Tensor<Double>.randomNormal(shape: [4, 3], using: &generator)
        let y = Tensor<Double>.randomNormal(shape: [4], using: &generator)
        let tape = GradientTape<Double>()
        for _ in 0..<3 {
            let gradients = tape.recording {
                let (output, recorded) = net.forward(x, on: tape)
                tape.backward(from: output.l2Loss(labels: y))
                return recorded.map(tape.gradient(of:))
            }
            try modelTrainer.step(&net, gradients: gradients, batchSize: 4)
            try arrayTrainer.step(&parameters, gradients: gradients, batchSize: 4)
            #expect(net.parameters == parameters)
        }
    }

    @Test("DataLoader refuses labels of shape [n, 1] with a message naming the expected shape [n]")
    func dataLoaderLabelShape() throws {
        let error = try #require(throws: TensorError.self) {
            try DataLoader(features: Tensor<Double>.zeros(shape: [200, 5]), labels: .zeros(shape: [200, 1]), batchSize: 10, shuffle: false)
        }
        #expect(error == .unexpectedShape(
            argument: "labels", shape: [200, 1],
            expected: "[200]: one label per example; reshape them with labels.reshaped(to: [200])"))
        #expect(error.description.contains("labels have shape [200, 1]; expected [200]"))
        let features = try #require(throws: TensorError.self) {
            try DataLoader(features: Tensor<Double>.zeros(shape: [200]), labels: .zeros(shape: [200]), batchSize: 10, shuffle: false)
        }
        #expect(features.description == "features have shape [200]; expected [n, d]: one row per example")
    }
}
