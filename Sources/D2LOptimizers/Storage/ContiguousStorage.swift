import D2LTensor

/// Parameters and gradients each in one contiguous buffer, tensors back to back as an
/// ``ArenaLayout`` says: the layout of ``ParameterArena`` and of
/// ``Optimizer/step(parameters:gradients:layout:)``. Tensors that share a step are walked as one
/// buffer, so the kernel makes a single pass (threaded as ``KernelParallelism`` allows).
struct ContiguousStorage<Scalar: TensorScalar>: StepStorage {
    let parameters: UnsafeMutableBufferPointer<Scalar>
    let gradients: UnsafeBufferPointer<Scalar>
    let layout: ArenaLayout

    /// The buffers, after checking that both are as long as the layout.
    init(parameters: UnsafeMutableBufferPointer<Scalar>, gradients: UnsafeBufferPointer<Scalar>, layout: ArenaLayout) throws(OptimizerError) {
        guard parameters.count == layout.elementCount, gradients.count == layout.elementCount else {
            throw .shapeMismatch(
                "the layout holds \(layout.elementCount) elements, the buffers \(parameters.count) parameters and \(gradients.count) gradients")
        }
        self.parameters = parameters
        self.gradients = gradients
        self.layout = layout
    }

    static var walksAcrossTensors: Bool { true }

    var tensorCount: Int { layout.tensorCount }

    func shape(ofTensor index: Int) -> [Int] { layout.shapes[index] }

    func firstNonFiniteGradient() -> (tensor: Int, element: Int, value: Double)? {
        layout.locate(gradients.firstIndex { !$0.isFinite }) { Double(gradients[$0]) }
    }

    func accumulateSquaredGradients(ofTensor index: Int, processing: GradientProcessing<Scalar>, into sum: inout Double) {
        for i in layout.range(ofTensor: index) {
            let clipped = Double(processing.clipped(gradients[i], parameter: parameters[i]))
            sum += clipped * clipped
        }
    }

    func walk(_ step: borrowing PreparedStep<Scalar>, elements: Range<Int>, tensor: Int?, state: StateBuffers<Scalar>) {
        step.algorithm.step(
            step.context, parameters: UnsafeMutableBufferPointer(rebasing: parameters[elements]),
            gradients: UnsafeBufferPointer(rebasing: gradients[elements]), state: state)
    }
}

extension ArenaLayout {
    /// The tensor holding buffer element `element`, the element's index within it and
    /// `value(element)`; nil when `element` is.
    func locate(_ element: Int?, value: (Int) -> Double) -> (tensor: Int, element: Int, value: Double)? {
        guard let element else { return nil }
        var tensor = 0
        while offsets[tensor + 1] <= element { tensor += 1 }
        return (tensor, element - offsets[tensor], value(element))
    }
}
