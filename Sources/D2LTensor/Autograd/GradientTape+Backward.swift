extension GradientTape {
    /// Computes the gradient of the sum of `output`'s elements with respect to every recorded
    /// node that requires one, by visiting the tape in reverse.
    ///
    /// A non-scalar `output` is summed first, as MXNet's `backward()` does. Under
    /// ``GradientMode/write`` (the default) the gradients of an earlier call are replaced;
    /// under ``GradientMode/add`` the parameters' gradients add to them.
    @inlinable
    public func backward(from output: Variable<Scalar>) {
        checkRecorded(output)
        while gradients.count < nodes.count {
            gradients.append(released)
            hasGradient.append(false)
            gradientMoved.append(false)
        }
        let replacesAll = gradientMode == .write
        for index in hasGradient.indices where replacesAll || !nodes[index].operation.isLeaf {
            hasGradient[index] = false
        }
        for index in gradientMoved.indices { gradientMoved[index] = false }
        temporaryCount = 0
        withGradient(of: output.index) { seed in seed.withUnsafeMutableBufferPointer { $0.update(repeating: 1) } }
        for index in stride(from: output.index, through: 0, by: -1) where nodes[index].requiresGradient && hasGradient[index] {
            propagate(from: index)
        }
    }

    /// The gradient of the last ``backward(from:)`` output with respect to `variable`; zeros
    /// when it does not influence the output, or before the first backward pass (as MXNet's
    /// `attach_grad` starts from zeros).
    ///
    /// Traps, naming the reason, when there is no gradient to read: the variable's recording
    /// has ended, or ``moveGradients(of:into:)`` took the gradient. ``Variable/gradient``
    /// throws an ``AutogradError`` instead.
    @inlinable
    public func gradient(of variable: Variable<Scalar>) -> Tensor<Scalar> {
        do {
            return try checkedGradient(of: variable)
        } catch {
            preconditionFailure(error.description)
        }
    }

    /// The gradient of `variable`, or the reason there is none.
    @inlinable
    func checkedGradient(of variable: Variable<Scalar>) throws(AutogradError) -> Tensor<Scalar> {
        precondition(variable.tape === self, "the variable was recorded on another tape")
        guard variable.isRecording else { throw .recordingEnded }
        let index = variable.index
        guard index < hasGradient.count else { return Tensor.zeros(shape: variable.shape) }
        if hasGradient[index] { return gradients[index] }
        guard !gradientMoved[index] else { throw .gradientMoved }
        return Tensor.zeros(shape: variable.shape)
    }

    /// Moves the gradients of `variables` into `destination` (resized to their count), giving
    /// the tape the storage `destination` held in exchange.
    ///
    /// Unlike ``gradient(of:)``, which shares the tape's storage, this leaves the tape and the
    /// caller each holding storage of its own, so that neither the next backward pass nor the
    /// caller's use of the gradients copies or allocates in a repeated step. The tape no longer
    /// has the gradients it gave away: reading one again before the next backward pass traps in
    /// ``gradient(of:)`` and throws ``AutogradError/gradientMoved`` from ``Variable/gradient``.
    @inlinable
    public func moveGradients(of variables: RecordedVariables<Scalar>, into destination: inout [Tensor<Scalar>]) {
        precondition(variables.tape === self, "the variables were recorded on another tape")
        precondition(variables.recordingNumber == recordingNumber, "the variables were recorded before the tape was reset")
        if destination.count > variables.count { destination.removeLast(destination.count - variables.count) }
        while destination.count < variables.count { destination.append(released) }
        for (position, index) in variables.indices.enumerated() {
            if index < hasGradient.count && hasGradient[index] {
                swap(&destination[position], &gradients[index])
                hasGradient[index] = false
                gradientMoved[index] = true
            } else {
                let shape = values[index].shape
                if destination[position].shape != shape { destination[position] = Tensor(repeating: 0, shape: shape) }
                destination[position].withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
            }
        }
    }

    /// Runs `body` on the gradient storage of node `index`, shaped like its value (its previous
    /// contents unspecified unless the node already has a gradient), and marks the gradient set.
    @inlinable
    @inline(__always)
    func withGradient(of index: Int, _ body: (inout Tensor<Scalar>) -> Void) {
        var gradient = released
        swap(&gradient, &gradients[index])
        let shape = values[index].shape
        if gradient.shape != shape { gradient = Tensor(repeating: 0, shape: shape) }
        body(&gradient)
        swap(&gradient, &gradients[index])
        hasGradient[index] = true
    }

    /// Runs `body` on a temporary of `shape`, whose previous contents are unspecified. The
    /// temporaries of one backward pass are distinct, taken in order, and kept for the next.
    @inlinable
    @inline(__always)
    func withTemporary(shape: [Int], _ body: (inout Tensor<Scalar>) -> Void) {
        let slot = temporaryCount
        temporaryCount += 1
        if slot == temporaries.count { temporaries.append(released) }
        var temporary = released
        swap(&temporary, &temporaries[slot])
        if temporary.shape != shape { temporary = Tensor(repeating: 0, shape: shape) }
        body(&temporary)
        swap(&temporary, &temporaries[slot])
    }

    /// Adds `contribution` to the gradient of node `index`, summed over the axes along which
    /// the node's value was broadcast when `contribution` has more elements.
    @inlinable
    @inline(__always)
    func accumulate(_ contribution: Tensor<Scalar>, into index: Int) {
        guard nodes[index].requiresGradient else { return }
        let sameLayout = contribution.scalarCount == values[index].scalarCount
        if hasGradient[index] {
            if sameLayout {
                withGradient(of: index) { $0.addElementwise(contribution) }
            } else {
                withTemporary(shape: values[index].shape) { reduced in
                    reduced.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
                    reduced.addReduced(contribution)
                    withGradient(of: index) { $0.addElementwise(reduced) }
                }
            }
        } else {
            withGradient(of: index) { gradient in
                if sameLayout {
                    gradient.copyElements(of: contribution)
                } else {
                    gradient.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
                    gradient.addReduced(contribution)
                }
            }
        }
    }

    /// Adds to the gradient of node `index` a contribution of `shape` that `compute` writes
    /// (every element): straight into the gradient when it is the first contribution of the
    /// node's shape, else through a temporary.
    @inlinable
    @inline(__always)
    func accumulate(into index: Int, shape: [Int], _ compute: (inout Tensor<Scalar>) -> Void) {
        guard nodes[index].requiresGradient else { return }
        if !hasGradient[index], shape.reduce(1, *) == values[index].scalarCount {
            withGradient(of: index, compute)
        } else {
            withTemporary(shape: shape) { contribution in
                compute(&contribution)
                accumulate(contribution, into: index)
            }
        }
    }

    /// Adds to the gradient of node `index` the elementwise `combine(upstream, other)`, with
    /// `other` broadcast to the upstream gradient's shape.
    @inlinable
    @inline(__always)
    func accumulate(
        _ upstream: Tensor<Scalar>, _ combine: (Scalar, Scalar) -> Scalar, _ other: Tensor<Scalar>, into index: Int
    ) {
        accumulate(into: index, shape: upstream.shape) { $0.combining(upstream, other, combine) }
    }

    @inlinable
    func propagate(from index: Int) {
        let upstream = gradients[index]
        let output = values[index]
        switch nodes[index].operation {
        case .leaf:
            break
        case let .add(a, b):
            accumulate(upstream, into: a)
            accumulate(upstream, into: b)
        case let .subtract(a, b):
            accumulate(upstream, into: a)
            accumulate(upstream, { u, _ in -u }, upstream, into: b)
        case let .multiply(a, b):
            accumulate(upstream, *, values[b], into: a)
            accumulate(upstream, *, values[a], into: b)
        case let .divide(a, b):
            let denominator = values[b]
            accumulate(upstream, /, denominator, into: a)
            withTemporary(shape: upstream.shape) { product in
                product.combining(upstream, output, *)
                accumulate(product, { p, d in -(p / d) }, denominator, into: b)
            }
        case let .addScalar(a):
            accumulate(upstream, into: a)
        case let .multiplyScalar(a, factor):
            accumulate(upstream, { u, _ in u * factor }, upstream, into: a)
        case let .negate(a):
            accumulate(upstream, { u, _ in -u }, upstream, into: a)
        case let .matmul(a, b):
            let (left, right) = (values[a], values[b])
            accumulate(into: a, shape: left.shape) { contribution in
                contribution.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
                contribution.addProduct(upstream, right, transposingB: true)
            }
            accumulate(into: b, shape: right.shape) { contribution in
                contribution.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
                contribution.addProduct(left, transposingA: true, upstream)
            }
        case let .square(a):
            accumulate(upstream, { u, x in u * x * 2 }, values[a], into: a)
        case let .squareRoot(a):
            accumulate(upstream, { u, root in u / (root * 2) }, output, into: a)
        case let .exp(a):
            accumulate(upstream, *, output, into: a)
        case let .log(a):
            accumulate(upstream, /, values[a], into: a)
        case let .tanh(a):
            accumulate(upstream, { u, y in u * (1 - y * y) }, output, into: a)
        case let .sigmoid(a):
            accumulate(upstream, { u, y in u * (y * (1 - y)) }, output, into: a)
        case let .relu(a):
            accumulate(upstream, { u, x in u * (x > 0 ? 1 : 0) }, values[a], into: a)
        case let .sum(a):
            let seed = upstream.scalar
            accumulate(into: a, shape: values[a].shape) { $0.withUnsafeMutableBufferPointer { $0.update(repeating: seed) } }
        case let .mean(a):
            let seed = upstream.scalar / Scalar(values[a].scalarCount)
            accumulate(into: a, shape: values[a].shape) { $0.withUnsafeMutableBufferPointer { $0.update(repeating: seed) } }
        case let .reshape(a):
            accumulate(into: a, shape: values[a].shape) { $0.copyElements(of: upstream) }
        }
    }
}
