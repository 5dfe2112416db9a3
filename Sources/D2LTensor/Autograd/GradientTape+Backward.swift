extension GradientTape {
    /// Computes the gradient of the sum of `output`'s elements with respect to every recorded
    /// node that requires one, by visiting the tape in reverse.
    ///
    /// A non-scalar `output` is summed first, as MXNet's `backward()` does. Gradients from an
    /// earlier call are discarded.
    @inlinable
    public func backward(from output: Variable<Scalar>) {
        precondition(output.tape === self, "the output was recorded on another tape")
        gradients = Array(repeating: nil, count: nodes.count)
        gradients[output.index] = Tensor.ones(shape: nodes[output.index].value.shape)
        for index in stride(from: output.index, through: 0, by: -1) {
            guard nodes[index].requiresGradient, let upstream = gradients[index] else { continue }
            propagate(upstream, through: nodes[index])
        }
    }

    /// The gradient of the last ``backward(from:)`` output with respect to `variable`; zeros
    /// when it does not influence the output.
    @inlinable
    public func gradient(of variable: Variable<Scalar>) -> Tensor<Scalar> {
        precondition(variable.tape === self, "the variable was recorded on another tape")
        return (variable.index < gradients.count ? gradients[variable.index] : nil)
            ?? Tensor.zeros(shape: nodes[variable.index].value.shape)
    }

    @inlinable
    func accumulate(_ contribution: Tensor<Scalar>, into index: Int) {
        guard nodes[index].requiresGradient else { return }
        let shaped = contribution.sumReduced(toShape: nodes[index].value.shape)
        if let existing = gradients[index] {
            gradients[index] = existing + shaped
        } else {
            gradients[index] = shaped
        }
    }

    @inlinable
    func propagate(_ upstream: Tensor<Scalar>, through node: Node) {
        let output = node.value
        switch node.operation {
        case .leaf:
            break
        case let .add(a, b):
            accumulate(upstream, into: a)
            accumulate(upstream, into: b)
        case let .subtract(a, b):
            accumulate(upstream, into: a)
            accumulate(-upstream, into: b)
        case let .multiply(a, b):
            accumulate(upstream * nodes[b].value, into: a)
            accumulate(upstream * nodes[a].value, into: b)
        case let .divide(a, b):
            let denominator = nodes[b].value
            accumulate(upstream / denominator, into: a)
            accumulate(-(upstream * output / denominator), into: b)
        case let .addScalar(a):
            accumulate(upstream, into: a)
        case let .multiplyScalar(a, factor):
            accumulate(upstream * factor, into: a)
        case let .negate(a):
            accumulate(-upstream, into: a)
        case let .matmul(a, b):
            if nodes[a].requiresGradient {
                accumulate(matmulOrTrap(upstream, nodes[b].value.transposed()), into: a)
            }
            if nodes[b].requiresGradient {
                accumulate(matmulOrTrap(nodes[a].value.transposed(), upstream), into: b)
            }
        case let .square(a):
            accumulate(upstream * nodes[a].value * 2, into: a)
        case let .squareRoot(a):
            accumulate(upstream / (output * 2), into: a)
        case let .exp(a):
            accumulate(upstream * output, into: a)
        case let .log(a):
            accumulate(upstream / nodes[a].value, into: a)
        case let .tanh(a):
            accumulate(upstream * output.map { 1 - $0 * $0 }, into: a)
        case let .sigmoid(a):
            accumulate(upstream * output.map { $0 * (1 - $0) }, into: a)
        case let .relu(a):
            accumulate(upstream * nodes[a].value.map { $0 > 0 ? 1 : 0 }, into: a)
        case let .sum(a):
            accumulate(Tensor(repeating: upstream.scalar, shape: nodes[a].value.shape), into: a)
        case let .mean(a):
            let input = nodes[a].value
            accumulate(Tensor(repeating: upstream.scalar / Scalar(input.scalarCount), shape: input.shape), into: a)
        case let .reshape(a):
            accumulate(Tensor(uncheckedShape: nodes[a].value.shape, scalars: upstream.scalars), into: a)
        }
    }

    @inlinable
    func matmulOrTrap(_ a: Tensor<Scalar>, _ b: Tensor<Scalar>) -> Tensor<Scalar> {
        do {
            return try a.matmul(b)
        } catch {
            preconditionFailure(error.description)
        }
    }
}
