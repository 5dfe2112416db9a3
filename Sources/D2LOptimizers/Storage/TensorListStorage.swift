import D2LTensor

/// Parameters and gradients as lists of tensors, each in memory of its own: the layout of
/// ``Optimizer/step(_:gradients:)``.
struct TensorListStorage<Scalar: TensorScalar>: StepStorage {
    /// The parameters, updated in place through their own buffers.
    let parameters: UnsafeMutableBufferPointer<Tensor<Scalar>>
    /// One gradient per parameter, of its shape.
    let gradients: UnsafeBufferPointer<Tensor<Scalar>>

    /// The lists, after checking that the gradients match the parameters.
    init(parameters: UnsafeMutableBufferPointer<Tensor<Scalar>>, gradients: UnsafeBufferPointer<Tensor<Scalar>>) throws(OptimizerError) {
        guard parameters.count == gradients.count else {
            throw .shapeMismatch("\(parameters.count) parameters but \(gradients.count) gradients")
        }
        for (index, (parameter, gradient)) in zip(parameters, gradients).enumerated() where parameter.shape != gradient.shape {
            throw .shapeMismatch("parameter \(index) has shape \(parameter.shape) but its gradient \(gradient.shape)")
        }
        self.parameters = parameters
        self.gradients = gradients
    }

    static var walksAcrossTensors: Bool { false }

    var tensorCount: Int { parameters.count }

    func shape(ofTensor index: Int) -> [Int] { parameters[index].shape }

    func firstNonFiniteGradient() -> (tensor: Int, element: Int, value: Double)? {
        for (tensor, gradient) in gradients.enumerated() {
            let found: (Int, Double)? = gradient.withUnsafeBufferPointer { buffer in
                buffer.firstIndex { !$0.isFinite }.map { ($0, Double(buffer[$0])) }
            }
            if let (element, value) = found { return (tensor, element, value) }
        }
        return nil
    }

    func accumulateSquaredGradients(ofTensor index: Int, processing: GradientProcessing<Scalar>, into sum: inout Double) {
        gradients[index].withUnsafeBufferPointer { gradient in
            parameters[index].withUnsafeBufferPointer { parameter in
                for (g, p) in zip(gradient, parameter) {
                    let clipped = Double(processing.clipped(g, parameter: p))
                    sum += clipped * clipped
                }
            }
        }
    }

    func walk(_ step: borrowing PreparedStep<Scalar>, elements: Range<Int>, tensor: Int?, state: StateBuffers<Scalar>) {
        guard let tensor else { preconditionFailure("tensors in separate memory are walked one at a time") }
        let (algorithm, context) = (step.algorithm, step.context)
        gradients[tensor].withUnsafeBufferPointer { gradient in
            parameters[tensor].withUnsafeMutableBufferPointer { parameter in
                algorithm.step(context, parameters: parameter, gradients: gradient, state: state)
            }
        }
    }
}
