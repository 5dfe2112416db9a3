import D2LTensor
import Testing

@Suite("The D2LTensor landing page's training loop")
struct LandingPageLoopTests {
    @Test("The loop as the landing page writes it fits w = [2, −3.4], b = 4.2 and keeps the tape empty between steps")
    func landingPageLoop() {
        var generator = Xoshiro256StarStar(seed: 0)
        let x = Tensor<Double>.randomNormal(shape: [100, 2], using: &generator)
        let trueWeight: Tensor<Double> = [[2], [-3.4]]
        let y = x.matmul(trueWeight) + 4.2

        var w = Tensor<Double>.randomNormal(shape: [2, 1], standardDeviation: 0.01, using: &generator)
        var b = Tensor<Double>.zeros(shape: [1])
        let tape = GradientTape<Double>()
        for _ in 0..<200 {
            let (wGradient, bGradient) = tape.recording {
                let wVariable = tape.parameter(w)
                let bVariable = tape.parameter(b)
                let residual = x.matmul(wVariable) + bVariable - y
                let loss = (residual.squared() / 2).mean()
                tape.backward(from: loss)
                return (tape.gradient(of: wVariable), tape.gradient(of: bVariable))
            }
            w = w - 0.1 * wGradient
            b = b - 0.1 * bGradient
            #expect(tape.count == 0)
        }
        #expect(abs(w[0, 0] - 2) < 1e-3 && abs(w[1, 0] + 3.4) < 1e-3 && abs(b[0] - 4.2) < 1e-3)

        let (loss, gradients) = tape.valueWithGradient(at: [w, b]) { p in
            ((x.matmul(p[0]) + p[1] - y).squared() / 2).mean()
        }
        #expect(loss.scalar < 1e-6)
        #expect(gradients.map(\.shape) == [[2, 1], [1]])
    }
}
