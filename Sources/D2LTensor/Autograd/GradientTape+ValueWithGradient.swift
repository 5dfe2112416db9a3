extension GradientTape {
    /// The value of `body` at `point` and its gradient there: the tape records `body` on `point`
    /// as a parameter, runs the backward pass and resets.
    ///
    /// ```swift
    /// let tape = GradientTape<Double>()
    /// let (value, gradient) = tape.valueWithGradient(at: [1, 2]) { x in (x * x).sum() }
    /// // value 5, gradient [2, 4]
    /// ```
    ///
    /// A non-scalar result is summed before differentiating, as ``backward(from:)`` does. The
    /// tape keeps its storage, so calling this in a loop with the same shapes allocates only the
    /// value and gradient it returns. Traps if the tape holds a recording already: this records
    /// and resets a whole recording of its own.
    @inlinable
    public func valueWithGradient(
        at point: Tensor<Scalar>, of body: (Variable<Scalar>) throws -> Variable<Scalar>
    ) rethrows -> (value: Tensor<Scalar>, gradient: Tensor<Scalar>) {
        let (value, gradients) = try valueWithGradient(at: [point]) { try body($0[$0.startIndex]) }
        return (value, gradients[0])
    }

    /// The value of `body` at `points` and its gradient with respect to each of them, in order:
    /// the many-parameter form of ``valueWithGradient(at:of:)-(Tensor<Scalar>,_)``.
    ///
    /// ```swift
    /// let (loss, gradients) = tape.valueWithGradient(at: [w, b]) { p in
    ///     ((x.matmul(p[0]) + p[1] - y).squared() / 2).mean()
    /// }
    /// ```
    @inlinable
    public func valueWithGradient(
        at points: [Tensor<Scalar>], of body: (RecordedVariables<Scalar>) throws -> Variable<Scalar>
    ) rethrows -> (value: Tensor<Scalar>, gradients: [Tensor<Scalar>]) {
        precondition(nodes.isEmpty, "valueWithGradient(at:of:) records on an empty tape; reset the tape first")
        return try recording {
            let recorded = parameters(points)
            let output = try body(recorded)
            backward(from: output)
            return (output.value, recorded.map(gradient(of:)))
        }
    }
}

/// The value of `body` at `point` and its gradient there, computed on a tape of its own.
///
/// ```swift
/// let (value, gradient) = valueWithGradient(at: Tensor<Double>([1, 2])) { x in (x * x).sum() }
/// // value 5, gradient [2, 4]
/// ```
///
/// Each call creates a tape; a loop that wants its storage reused calls
/// ``GradientTape/valueWithGradient(at:of:)-(Tensor<Scalar>,_)`` on a tape it keeps.
@inlinable
public func valueWithGradient<Scalar: TensorScalar>(
    at point: Tensor<Scalar>, of body: (Variable<Scalar>) throws -> Variable<Scalar>
) rethrows -> (value: Tensor<Scalar>, gradient: Tensor<Scalar>) {
    try GradientTape<Scalar>().valueWithGradient(at: point, of: body)
}

/// The gradient of `body` at `point`, computed on a tape of its own: `∇f(x)`.
@inlinable
public func gradient<Scalar: TensorScalar>(
    at point: Tensor<Scalar>, of body: (Variable<Scalar>) throws -> Variable<Scalar>
) rethrows -> Tensor<Scalar> {
    try valueWithGradient(at: point, of: body).gradient
}
