import D2LTensor

extension CompiledNetwork {
    /// Gluon's L2 loss of every example — `(ŷ − y)² / 2` averaged over the network's outputs —
    /// and, written into `gradients` (in ``Layer/parameters`` order), the gradients of their
    /// sum with respect to `parameters`.
    ///
    /// Bit for bit what recording `forward(_:parameters:on:)` and `l2Loss(labels:)` on a tape
    /// and calling `backward(from:)` give.
    ///
    /// - Returns: The mean of the examples' losses.
    @inlinable
    public mutating func l2Loss(
        features: Tensor<Scalar>, labels: Tensor<Scalar>, parameters: [Tensor<Scalar>], gradients: inout [Tensor<Scalar>]
    ) -> Scalar {
        forward(features, parameters: parameters)
        let loss = exampleLossMean(labels: labels)
        backward(features, parameters: parameters, gradients: &gradients)
        return loss
    }

    /// The mean over the examples of Gluon's L2 loss, without gradients.
    @inlinable
    public mutating func meanL2Loss(features: Tensor<Scalar>, labels: Tensor<Scalar>, parameters: [Tensor<Scalar>]) -> Scalar {
        forward(features, parameters: parameters)
        return exampleLossMean(labels: labels)
    }

    /// The forward pass: every stage's output, the last one the prediction.
    @inlinable
    mutating func forward(_ features: Tensor<Scalar>, parameters: [Tensor<Scalar>]) {
        precondition(features.rank == 2, "compiled network: features of shape \(features.shape) are not [examples, features]")
        precondition(parameters.count == parameterCount, "compiled network: \(parameters.count) parameters given, \(parameterCount) expected")
        prepare(rows: features.shape[0], inputCount: features.shape[1])
        for index in stages.indices {
            let input = index == 0 ? features : outputs[index - 1]
            switch stages[index] {
            case let .dense(parameter, _):
                products[index].withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
                products[index].addProduct(input, parameters[parameter])
                outputs[index].combining(products[index], parameters[parameter + 1], +)
            case let .activation(function):
                outputs[index].withUnsafeMutableBufferPointer { out in
                    input.withUnsafeBufferPointer { x in
                        for i in out.indices { out[i] = function.value(x[i]) }
                    }
                }
            }
        }
    }

    /// The loss of each example for the last forward pass, and their mean.
    @inlinable
    mutating func exampleLossMean(labels: Tensor<Scalar>) -> Scalar {
        let prediction = outputs[stages.count - 1]
        precondition(labels.scalarCount == prediction.scalarCount, "labels of shape \(labels.shape) do not match predictions of shape \(prediction.shape)")
        if averaging.scalarCount == 1 {
            // One output per example: its loss is its half square, computed in the same pass.
            difference.withUnsafeMutableBufferPointer { d in
                exampleLosses.withUnsafeMutableBufferPointer { loss in
                    prediction.withUnsafeBufferPointer { p in
                        labels.withUnsafeBufferPointer { y in
                            for i in d.indices {
                                d[i] = p[i] - y[i]
                                loss[i] = d[i] * d[i] / 2
                            }
                        }
                    }
                }
            }
        } else {
            difference.combining(prediction, labels, -)
            halfSquares.formElementwise(difference) { _, d in d * d / 2 }
            exampleLosses.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
            exampleLosses.addProduct(halfSquares, averaging)
        }
        return exampleLosses.scalarMean
    }

    /// The backward pass from the summed loss of the last forward pass.
    @inlinable
    mutating func backward(_ features: Tensor<Scalar>, parameters: [Tensor<Scalar>], gradients: inout [Tensor<Scalar>]) {
        if gradients.count != parameterCount || zip(gradients, parameters).contains(where: { $0.shape != $1.shape }) {
            gradients = parameters.map { Tensor.zeros(shape: $0.shape) }
        }
        // Through the averaging (1 / outputs per element), the halving and the square.
        let seed = 1 / Scalar(averaging.scalarCount)
        outputGradient.formElementwise(difference) { _, d in seed * 0.5 * d * 2 }
        for index in stages.indices.reversed() {
            let input = index == 0 ? features : outputs[index - 1]
            let upstream = index == stages.count - 1 ? outputGradient : inputGradients[index + 1]
            switch stages[index] {
            case let .dense(parameter, _):
                gradients[parameter].withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
                gradients[parameter].addProduct(input, transposingA: true, upstream)
                gradients[parameter + 1].withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
                gradients[parameter + 1].addReduced(upstream)
                if index > 0 {
                    inputGradients[index].withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
                    inputGradients[index].addProduct(upstream, parameters[parameter], transposingB: true)
                }
            case let .activation(function):
                let output = outputs[index]
                inputGradients[index].withUnsafeMutableBufferPointer { out in
                    upstream.withUnsafeBufferPointer { u in
                        input.withUnsafeBufferPointer { x in
                            output.withUnsafeBufferPointer { y in
                                for i in out.indices { out[i] = function.derivative(upstream: u[i], input: x[i], output: y[i]) }
                            }
                        }
                    }
                }
            }
        }
    }
}
