/// A tensor recorded on a ``GradientTape``: the result of an operation whose gradient can be
/// computed.
///
/// A `Variable` is a handle: its value lives on the tape until the tape is reset.
public struct Variable<Scalar: TensorScalar> {
    /// The tape this variable is recorded on.
    public let tape: GradientTape<Scalar>
    @usableFromInline let index: Int

    @usableFromInline
    init(tape: GradientTape<Scalar>, index: Int) {
        self.tape = tape
        self.index = index
    }

    /// The value computed by the forward pass.
    @inlinable
    public var value: Tensor<Scalar> { tape.value(at: index) }

    /// The shape of ``value``.
    @inlinable
    public var shape: [Int] { value.shape }
}
