import D2LTensor

/// A ``Sequential`` of ``Dense`` and ``Activation`` layers compiled into fixed kernels over
/// storage it keeps: the forward pass, Gluon's L2 loss and the backward pass, without
/// recording a graph — what Gluon's `hybridize()` does for a network.
///
/// The arithmetic is the tape's, operation for operation (the same kernels, in the same
/// order), so the loss and every gradient are bit for bit those of
/// `Layer.forward(_:parameters:on:)`, `Variable.l2Loss(labels:)` and
/// `GradientTape.backward(from:)`; only the bookkeeping of a tape is gone. A network with
/// another kind of layer does not compile (the initializer returns `nil`) and trains on the
/// tape.
///
/// ```swift
/// var compiled = CompiledNetwork(net)!
/// var gradients: [Tensor<Float>] = []
/// let loss = compiled.l2Loss(features: x, labels: y, parameters: parameters, gradients: &gradients)
/// try trainer.step(&parameters, gradients: gradients, batchSize: 10)
/// ```
///
/// Storage is sized for the last batch's number of examples and reused while it stays the
/// same: a repeated step allocates nothing.
public struct CompiledNetwork<Scalar: TensorScalar> {
    /// One layer of the compiled network.
    @usableFromInline
    enum Stage {
        /// `y = x · W + b`, with W and b the parameters at `parameter` and `parameter + 1`.
        case dense(parameter: Int, outputCount: Int)
        /// An elementwise nonlinearity.
        case activation(Activation<Scalar>.Function)
    }

    @usableFromInline let stages: [Stage]
    @usableFromInline let parameterCount: Int
    /// The output of each stage; a dense stage's product `x · W` before the bias.
    @usableFromInline var outputs: [Tensor<Scalar>]
    @usableFromInline var products: [Tensor<Scalar>]
    /// The gradient with respect to each stage's input, and to the network's output.
    @usableFromInline var inputGradients: [Tensor<Scalar>]
    @usableFromInline var outputGradient = Tensor<Scalar>.zeros(shape: [0])
    /// The loss's intermediate values: `ŷ − y`, `(ŷ − y)² / 2` and the loss of each example.
    @usableFromInline var difference = Tensor<Scalar>.zeros(shape: [0])
    @usableFromInline var halfSquares = Tensor<Scalar>.zeros(shape: [0])
    @usableFromInline var exampleLosses = Tensor<Scalar>.zeros(shape: [0])
    @usableFromInline var averaging = Tensor<Scalar>.zeros(shape: [0])
    @usableFromInline var rowCount = -1

    /// `network` compiled, or `nil` when one of its layers is neither a ``Dense`` nor an
    /// ``Activation``.
    public init?(_ network: Sequential<Scalar>) {
        var stages: [Stage] = []
        var parameter = 0
        for layer in network.layers {
            if let dense = layer as? Dense<Scalar> {
                stages.append(.dense(parameter: parameter, outputCount: dense.bias.scalarCount))
                parameter += 2
            } else if let activation = layer as? Activation<Scalar> {
                stages.append(.activation(activation.function))
            } else {
                return nil
            }
        }
        guard !stages.isEmpty, case .dense = stages.first else { return nil }
        self.stages = stages
        parameterCount = parameter
        outputs = Array(repeating: .zeros(shape: [0]), count: stages.count)
        products = outputs
        inputGradients = outputs
    }

    /// The number of outputs of the last dense stage.
    @usableFromInline
    var outputCount: Int {
        for stage in stages.reversed() {
            if case let .dense(_, count) = stage { return count }
        }
        return 0
    }

    /// Shapes every buffer for `rows` examples, allocating only when the count changed.
    @inlinable
    mutating func prepare(rows: Int, inputCount: Int) {
        guard rows != rowCount else { return }
        rowCount = rows
        var width = inputCount
        for (index, stage) in stages.enumerated() {
            if case let .dense(_, count) = stage { width = count }
            outputs[index] = .zeros(shape: [rows, width])
            products[index] = .zeros(shape: [rows, width])
        }
        for index in stages.indices {
            inputGradients[index] = index == 0 ? .zeros(shape: [0]) : .zeros(shape: outputs[index - 1].shape)
        }
        let outputWidth = outputCount
        outputGradient = .zeros(shape: [rows, outputWidth])
        difference = .zeros(shape: [rows, outputWidth])
        halfSquares = .zeros(shape: [rows, outputWidth])
        exampleLosses = .zeros(shape: [rows])
        averaging = Tensor(repeating: 1 / Scalar(outputWidth), shape: [outputWidth, 1])
    }
}
