import D2LTensor
import D2LTestSupport
import Testing

@Suite("Autograd: write and add modes, value with gradient, no silent zeros, ended recordings")
struct AutogradModeTests {
    private static func loss(_ w: Variable<Double>, _ x: Tensor<Double>) -> Variable<Double> { (w * x).sum() }

    @Test("A second backward replaces the gradients under .write, as MXNet's grad_req='write'")
    func writeReplaces() throws {
        let tape = GradientTape<Double>()
        let w = tape.parameter([1, 2])
        tape.backward(from: Self.loss(w, [3, 4]))
        tape.backward(from: Self.loss(w, [5, 6]))
        #expect(try w.gradient == [5, 6])
    }

    @Test("Under .add the gradients of two backward passes add up until zeroGradients()")
    func addAccumulates() throws {
        let tape = GradientTape<Double>(gradientMode: .add)
        let w = tape.parameter([1, 2])
        tape.backward(from: Self.loss(w, [3, 4]))
        tape.backward(from: Self.loss(w, [5, 6]))
        #expect(try w.gradient == [8, 10])
        #expect(tape.gradient(of: w) == [8, 10])
        tape.zeroGradients()
        tape.backward(from: Self.loss(w, [1, 1]))
        #expect(try w.gradient == [1, 1])
    }

    @Test("valueWithGradient(at:of:) gives f(x) and ∇f(x), and leaves the tape empty", arguments: scalarTypes)
    func valueWithGradient(_ type: any TensorScalar.Type) {
        Self.checkValueWithGradient(type)
    }

    private static func checkValueWithGradient<Scalar: TensorScalar>(_: Scalar.Type) {
        let tape = GradientTape<Scalar>()
        let (value, gradient) = tape.valueWithGradient(at: [1, 2]) { x in (x * x).sum() }
        #expect(value.scalar == 5)
        #expect(gradient == [2, 4])
        #expect(tape.count == 0)
        let points: [Tensor<Scalar>] = [[[2]], [1]]
        let (x, y): (Tensor<Scalar>, Tensor<Scalar>) = ([[1], [2]], [[3], [5]])
        let (loss, gradients) = tape.valueWithGradient(at: points) { p in
            ((x.matmul(p[0]) + p[1] - y).squared() / 2).sum()
        }
        // residuals 2·1 + 1 − 3 = 0 and 2·2 + 1 − 5 = 0
        #expect(loss.scalar == 0)
        #expect(gradients == [Tensor<Scalar>.zeros(shape: [1, 1]), .zeros(shape: [1])])
        #expect(D2LTensor.gradient(at: Tensor<Scalar>([3]), of: { x in (x * x * x).sum() }) == [27])
    }

    @Test("After moveGradients the gradient is not silently zero: Variable.gradient throws gradientMoved")
    func noSilentZeros() throws {
        let tape = GradientTape<Double>()
        try tape.recording { () throws in
            let recorded = tape.parameters([[1, 2]])
            let w = recorded[recorded.startIndex]
            #expect(try w.gradient == [0, 0])
            tape.backward(from: Self.loss(w, [3, 4]))
            var moved: [Tensor<Double>] = []
            tape.moveGradients(of: recorded, into: &moved)
            #expect(moved == [[3, 4]])
            #expect(throws: AutogradError.gradientMoved) { try w.gradient }
            tape.backward(from: Self.loss(w, [3, 4]))
            #expect(try w.gradient == [3, 4])
        }
    }

    @Test("tape.gradient(of:) after moveGradients stops the program instead of returning zeros")
    func movedGradientTraps() async {
        await #expect(processExitsWith: .failure) {
            let tape = GradientTape<Double>()
            let recorded = tape.parameters([[1, 2]])
            tape.backward(from: (recorded[0] * recorded[0]).sum())
            var moved: [Tensor<Double>] = []
            tape.moveGradients(of: recorded, into: &moved)
            _ = tape.gradient(of: recorded[0])
        }
    }

    @Test("A variable outlives its recording: its value stays, its gradient throws recordingEnded")
    func endedRecording() throws {
        let tape = GradientTape<Double>()
        let loss = tape.recording {
            let w = tape.parameter([1, 2])
            let loss = Self.loss(w, [3, 4])
            tape.backward(from: loss)
            return loss
        }
        #expect(!loss.isRecording)
        #expect(loss.scalar == 11)
        #expect(loss.value == Tensor(11))
        #expect(throws: AutogradError.recordingEnded) { try loss.gradient }
        // A new recording with as many nodes does not make the old variable readable again.
        tape.recording {
            let w = tape.parameter([5, 6])
            tape.backward(from: Self.loss(w, [1, 1]))
            #expect(throws: AutogradError.recordingEnded) { try loss.gradient }
            #expect(loss.scalar == 11)
        }
    }

    @Test("Using a variable from an ended recording in a new operation stops the program")
    func endedRecordingInOperationTraps() async {
        await #expect(processExitsWith: .failure) {
            let tape = GradientTape<Double>()
            let old = tape.parameter([1])
            tape.reset()
            _ = tape.parameter([2]) + old
        }
    }

    @Test("The documented loop keeps the tape to one step's nodes")
    func documentedLoopDoesNotGrow() {
        let tape = GradientTape<Double>()
        var w: Tensor<Double> = [[0], [0]]
        let x: Tensor<Double> = [[1, 2], [3, 4]]
        let y: Tensor<Double> = [[5], [6]]
        for _ in 0..<100 {
            let gradient = tape.recording {
                let wVariable = tape.parameter(w)
                tape.backward(from: ((x.matmul(wVariable) - y).squared() / 2).mean())
                return tape.gradient(of: wVariable)
            }
            #expect(tape.count == 0)
            w = w - 0.01 * gradient
        }
        for _ in 0..<100 {
            let (_, gradient) = tape.valueWithGradient(at: w) { wVariable in ((x.matmul(wVariable) - y).squared() / 2).mean() }
            #expect(tape.count == 0)
            w = w - 0.01 * gradient
        }
    }
}
