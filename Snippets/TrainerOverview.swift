// snippet.hide
import D2LTraining
// snippet.show
// snippet.loop
import D2LNN
import D2LTensor

// snippet.hide
let data = try SectionData<Float>()
let (features, labels) = (data.features, data.labels)
// snippet.show
var generator = Xoshiro256StarStar(seed: 0)
var net = Sequential<Float>([
    Dense(inputCount: 5, outputCount: 1, weightInitializer: .normal(standardDeviation: 0.01), using: &generator),
])
var trainer = try Trainer<Float>(optimizer: "rmsprop", hyperparameters: ["learning_rate": 0.01, "gamma1": 0.9])
var loader = try DataLoader(features: features, labels: labels, batchSize: 10, shuffle: true)
let tape = GradientTape<Float>()
var parameters = net.parameters
var gradients: [Tensor<Float>] = []

for _ in 0..<2 {
    try loader.forEachBatch(using: &generator) { _, x, y in
        tape.recording {
            let (output, recorded) = net.forward(x, parameters: parameters, on: tape)
            tape.backward(from: output.l2Loss(labels: y))           // summed over the batch
            tape.moveGradients(of: recorded, into: &gradients)
        }
        try trainer.step(&parameters, gradients: gradients, batchSize: 10)
    }
}
// snippet.setLearningRate
for epoch in 0..<10 {
    if epoch == 5 { try trainer.setLearningRate(trainer.learningRate / 10) }
    try loader.forEachBatch(using: &generator) { _, x, y in
        let gradients = tape.recording {
            let (output, recorded) = net.forward(x, on: tape)
            tape.backward(from: output.l2Loss(labels: y))
            return recorded.map(tape.gradient(of:))
        }
        try trainer.step(&net, gradients: gradients, batchSize: 10)
    }
    // The epoch and the loss over all examples, evaluated without a tape; the last line:
    print(epoch, net(features).l2Loss(labels: labels).scalarMean)   // 9 0.24179256
}
// snippet.end
