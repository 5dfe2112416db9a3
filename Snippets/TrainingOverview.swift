import D2LOptimizers
import D2LTraining

let path = try Trace2D.run(RMSProp(learningRate: 0.4, decay: 0.9, epsilon: 1e-6), steps: 20)
print(path.summary)                          // epoch 20, x1 -0.010599, x2 0.000000

let data = try SectionData<Float>()           // the bundled airfoil data, SHA-1-checked
var optimizer = try Optimizer<Float>(RMSProp(learningRate: 0.01, decay: 0.9))
let result = try TrainCh7.run(data: data, settings: Ch7Settings(seed: 0)) { parameters, gradients in
    try optimizer.step(&parameters, gradients: gradients)
}
print(result.summary)                        // loss: 0.243580, … sec per epoch
