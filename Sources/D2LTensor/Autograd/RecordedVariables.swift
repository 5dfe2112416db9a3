/// Variables recorded one after another on a tape, such as a model's parameters: a collection
/// that needs no storage of its own.
///
/// Slicing gives the same type, so a layer can hand the first few of its parameters to a
/// sublayer.
///
/// ```swift
/// let recorded = tape.parameters([weight, bias])
/// let prediction = tape.constant(x).matmul(recorded[0]) + recorded[1]
/// ```
public struct RecordedVariables<Scalar: TensorScalar>: RandomAccessCollection {
    /// The tape the variables are recorded on.
    public let tape: GradientTape<Scalar>
    /// The positions of the variables on the tape.
    public let indices: Range<Int>
    /// The tape's recording number when the variables were recorded.
    @usableFromInline let recordingNumber: Int

    /// The variables recorded at `indices` of `tape` in its current recording.
    @inlinable
    public init(tape: GradientTape<Scalar>, indices: Range<Int>) {
        self.tape = tape
        self.indices = indices
        recordingNumber = tape.recordingNumber
    }

    @inlinable
    init(tape: GradientTape<Scalar>, indices: Range<Int>, recordingNumber: Int) {
        self.tape = tape
        self.indices = indices
        self.recordingNumber = recordingNumber
    }

    @inlinable
    public var startIndex: Int { indices.lowerBound }

    @inlinable
    public var endIndex: Int { indices.upperBound }

    @inlinable
    public subscript(position: Int) -> Variable<Scalar> {
        precondition(indices.contains(position), "index \(position) is outside \(indices)")
        precondition(recordingNumber == tape.recordingNumber, "the variables were recorded before the tape was reset")
        return Variable(tape: tape, index: position)
    }

    @inlinable
    public subscript(bounds: Range<Int>) -> RecordedVariables {
        precondition(bounds.clamped(to: indices) == bounds, "range \(bounds) is outside \(indices)")
        return RecordedVariables(tape: tape, indices: bounds, recordingNumber: recordingNumber)
    }
}
