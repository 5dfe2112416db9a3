// snippet.loop
import D2LOptimizers
import D2LTensor

var generator = Xoshiro256StarStar(seed: 0)
let x = Tensor<Float>.randomNormal(shape: [256, 3], using: &generator)
let y = x.matmul([[1], [-2], [0.5]])

var parameters = [Tensor<Float>.zeros(shape: [3, 1])]
var optimizer = try Optimizer<Float>(RMSProp(learningRate: 0.01, decay: 0.9))   // ε = 10⁻⁶ inside √
for _ in 0..<500 {
    let residual = x.matmul(parameters[0]) - y
    let gradient = x.transposed().matmul(residual) / Float(x.shape[0])
    try optimizer.step(&parameters, gradients: [gradient])
}
// snippet.byName
let algorithm = try OptimizerRegistry.algorithm(
    named: "rmsprop", hyperparameters: ["lr": 0.01, "alpha": 0.99], preset: .pytorch)
var pytorchLike = try Optimizer<Float>(algorithm)          // ε = 10⁻⁸ outside √, as torch.optim.RMSprop
// snippet.end
