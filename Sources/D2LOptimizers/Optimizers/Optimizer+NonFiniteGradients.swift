import D2LTensor

extension Optimizer {
    /// Applies ``nonFiniteGradientPolicy`` to the gradients of the step about to be taken:
    /// whether the step should go on.
    ///
    /// - Throws: ``OptimizerError/nonFiniteGradient(_:)`` under ``NonFiniteGradientPolicy/throwError``.
    mutating func admitsStep(_ gradients: [Tensor<Scalar>]) throws(OptimizerError) -> Bool {
        switch nonFiniteGradientPolicy {
        case .propagate:
            return true
        case .stop where stoppedOnNonFiniteGradient != nil:
            return false
        case .throwError, .skipStep, .stop:
            break
        }
        return try admits(Self.firstNonFinite(in: gradients, step: stepCount + skippedStepCount + 1))
    }

    /// Applies the policy to the non-finite gradient found before a step, if any; true when the
    /// step should run.
    mutating func admits(_ found: NonFiniteGradient?) throws(OptimizerError) -> Bool {
        guard let found else { return true }
        switch nonFiniteGradientPolicy {
        case .propagate:
            return true
        case .throwError:
            throw .nonFiniteGradient(found)
        case .skipStep:
            skippedStepCount += 1
            return false
        case .stop:
            stoppedOnNonFiniteGradient = found
            return false
        }
    }

    /// The first NaN or infinity in `gradients`, parameter by parameter, in row-major order.
    ///
    /// - Complexity: O(total elements); allocates nothing.
    static func firstNonFinite(in gradients: [Tensor<Scalar>], step: Int) -> NonFiniteGradient? {
        for (parameter, gradient) in gradients.enumerated() {
            let found: NonFiniteGradient? = gradient.withUnsafeBufferPointer { buffer in
                guard let element = buffer.firstIndex(where: { !$0.isFinite }) else { return nil }
                return NonFiniteGradient(step: step, parameter: parameter, element: element, value: Double(buffer[element]))
            }
            if let found { return found }
        }
        return nil
    }
}
