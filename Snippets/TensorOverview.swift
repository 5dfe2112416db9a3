// snippet.loop
import D2LTensor

var generator = Xoshiro256StarStar(seed: 0)
let x = Tensor<Double>.randomNormal(shape: [100, 2], using: &generator)
let trueWeight: Tensor<Double> = [[2], [-3.4]]
let y = x.matmul(trueWeight) + 4.2                           // the targets, [100, 1]

var w = Tensor<Double>.randomNormal(shape: [2, 1], standardDeviation: 0.01, using: &generator)
var b = Tensor<Double>.zeros(shape: [1])
let tape = GradientTape<Double>()
for _ in 0..<200 {
    let (wGradient, bGradient) = tape.recording {           // autograd.record(); resets at the end
        let wVariable = tape.parameter(w)                    // attach_grad
        let bVariable = tape.parameter(b)
        let residual = x.matmul(wVariable) + bVariable - y
        let loss = (residual.squared() / 2).mean()
        tape.backward(from: loss)                            // loss.backward()
        return (tape.gradient(of: wVariable), tape.gradient(of: bVariable))   // w.grad, b.grad
    }
    w = w - 0.1 * wGradient
    b = b - 0.1 * bGradient
}
print(w, b)   // Tensor[2, 1](1.9999999993857145, -3.399999991485956) Tensor[1](4.199999993537278)
// snippet.functional
let (loss, gradients) = tape.valueWithGradient(at: [w, b]) { p in
    ((x.matmul(p[0]) + p[1] - y).squared() / 2).mean()
}
// snippet.end
