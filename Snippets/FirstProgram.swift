import D2LOptimizers
import D2LTensor
import D2LTraining

// The section's 2D experiment: RMSProp on f(x) = 0.1·x1² + 2·x2² from (-5, -2).
let path = try Trace2D.run(RMSProp(learningRate: 0.4, decay: 0.9, epsilon: 1e-6), steps: 20)
print(path.summary)   // epoch 20, x1 -0.010599, x2 0.000000

// Your own model, y = 3x + 2, trained with PyTorch's RMSprop (centered, with momentum).
var parameters = [Tensor<Double>.zeros(shape: [1]), Tensor<Double>.zeros(shape: [1])]   // w, b
var optimizer = try Optimizer<Double>(
    OptimizerRegistry.algorithm(named: "RMSprop", hyperparameters: ["lr": 0.01, "momentum": 0.9, "centered": true],
                                preset: .pytorch))
let x: Tensor<Double> = [0, 0.5, 1, 1.5, 2]
let y = 3 * x + 2
let tape = GradientTape<Double>()
for _ in 0..<500 {
    let (_, gradients) = tape.valueWithGradient(at: parameters) { p in
        ((p[0] * x + p[1] - y).squared() / 2).mean()
    }
    try optimizer.step(&parameters, gradients: gradients)
}
print(parameters[0].scalar, parameters[1].scalar)   // 2.9999999999827116 2.0000000000294182
