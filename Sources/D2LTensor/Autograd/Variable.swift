/// A tensor recorded on a ``GradientTape``: the result of an operation whose gradient can be
/// computed.
///
/// A `Variable` keeps its value, which stays readable after the tape is reset. Its gradient and
/// its use in new operations belong to the recording it was made in (see ``GradientTape``).
public struct Variable<Scalar: TensorScalar> {
    /// The tape this variable is recorded on.
    public let tape: GradientTape<Scalar>
    @usableFromInline let index: Int
    /// The tape's ``GradientTape/recordingNumber`` when this variable was recorded.
    @usableFromInline let recordingNumber: Int
    /// The value computed by the forward pass.
    public let value: Tensor<Scalar>

    /// The variable recorded at `index` of `tape` in its current recording.
    @inlinable
    @inline(__always)
    init(tape: GradientTape<Scalar>, index: Int) {
        self.tape = tape
        self.index = index
        recordingNumber = tape.recordingNumber
        value = tape.values[index]
    }

    /// The shape of ``value``.
    @inlinable
    public var shape: [Int] { value.shape }

    /// The only scalar of a one-element variable, such as a loss: PyTorch's `.item()`.
    ///
    /// Traps unless the value holds exactly one scalar, naming its shape.
    @inlinable
    public var scalar: Scalar { value.scalar }

    /// Whether the recording this variable was made in is still going on: the tape has not
    /// been reset since.
    @inlinable
    public var isRecording: Bool { recordingNumber == tape.recordingNumber }
}
