/// Records tensor operations so that gradients can be computed by reverse-mode differentiation.
///
/// The counterpart of the book's `attach_grad` / `autograd.record` / `backward`:
///
/// ```swift
/// let tape = GradientTape<Float>()
/// let gradient = tape.recording {             // autograd.record(), reset at the end
///     let w = tape.parameter(weights)         // attach_grad
///     let b = tape.parameter(bias)
///     let loss = ((tape.constant(x).matmul(w) + b - y).squared() / 2).mean()
///     tape.backward(from: loss)               // loss.backward()
///     return tape.gradient(of: w)             // w.grad
/// }
/// ```
///
/// Every recording adds nodes until the tape is reset: record each step inside
/// ``recording(_:)`` (or call ``reset()`` before it), or let
/// ``valueWithGradient(at:of:)-(Tensor<Scalar>,_)`` record and reset for you, and the tape
/// holds one step's nodes at most.
///
/// ## Writing or adding gradients
///
/// A second ``backward(from:)`` replaces the gradients of the first, as MXNet does with its
/// default `grad_req='write'`. With ``gradientMode`` set to ``GradientMode/add`` (MXNet's
/// `grad_req='add'`) the gradients of the parameters add up over backward passes of one
/// recording instead, until ``zeroGradients()`` or the end of the recording.
///
/// ## Variables after their recording
///
/// A ``Variable`` keeps its value: ``Variable/value`` and ``Variable/scalar`` stay valid after
/// the tape is reset. Its gradient does not: ``Variable/gradient`` throws
/// ``AutogradError/recordingEnded``, and using the variable in a new operation stops the
/// program with a message, as other programming errors do (see <doc:D2LTensor#Shape-errors>).
///
/// Every operation appends a node holding its value and how to route a gradient back to its
/// inputs; the order of recording is a topological order, so ``backward(from:)`` visits nodes
/// in reverse.
///
/// ## Storage kept between steps
///
/// A training step records the same operations on the same shapes every time. The tape keeps
/// the storage of every value it computed, every gradient and every temporary of the backward
/// pass when it is reset, and the next recording computes into it: a repeated step allocates
/// nothing. ``reset()`` lets go of the tensors the tape was given (parameters, inputs) and of
/// views of them, so the caller can then update those in place without copying them. A value
/// or gradient the caller still holds when the storage is reused is copied first, as any
/// shared tensor is: what the caller holds never changes. The allocation-free loop:
///
/// ```swift
/// var gradients: [Tensor<Float>] = []
/// for (x, y) in batches {
///     tape.recording {
///         let recorded = tape.parameters(parameters)
///         tape.backward(from: loss(recorded, x, y))
///         tape.moveGradients(of: recorded, into: &gradients)
///     }
///     try optimizer.step(&parameters, gradients: gradients)
/// }
/// ```
public final class GradientTape<Scalar: TensorScalar> {
    @usableFromInline
    struct Node {
        @usableFromInline var operation: Operation
        @usableFromInline var requiresGradient: Bool

        @usableFromInline
        init(operation: Operation, requiresGradient: Bool) {
            self.operation = operation
            self.requiresGradient = requiresGradient
        }
    }

    @usableFromInline
    enum Operation {
        case leaf
        case add(Int, Int)
        case subtract(Int, Int)
        case multiply(Int, Int)
        case divide(Int, Int)
        case addScalar(Int)
        case multiplyScalar(Int, Scalar)
        case negate(Int)
        case matmul(Int, Int)
        case square(Int)
        case squareRoot(Int)
        case exp(Int)
        case log(Int)
        case tanh(Int)
        case sigmoid(Int)
        case relu(Int)
        case sum(Int)
        case mean(Int)
        case reshape(Int)

        /// Whether the node is a tensor the tape was given (a parameter or a constant).
        @inlinable
        var isLeaf: Bool {
            if case .leaf = self { true } else { false }
        }

        /// Whether the node's value is storage the tape computed, rather than a tensor it was
        /// given (a leaf) or a view of another node's value (a reshape).
        @inlinable
        var computesValue: Bool {
            switch self {
            case .leaf, .reshape: false
            default: true
            }
        }
    }

    /// The shape of a value about to be computed, given without allocating where possible.
    @usableFromInline
    enum ResultShape {
        /// The shape held by this array.
        case like([Int])
        /// A `rows × columns` matrix.
        case matrix(rows: Int, columns: Int)

        @inlinable
        func matches(_ shape: [Int]) -> Bool {
            switch self {
            case let .like(expected): shape == expected
            case let .matrix(rows, columns): shape.count == 2 && shape[0] == rows && shape[1] == columns
            }
        }

        @inlinable
        var array: [Int] {
            switch self {
            case let .like(shape): shape
            case let .matrix(rows, columns): [rows, columns]
            }
        }
    }

    // The tape's methods never hold an access to one of these while another begins (a value
    // being computed is moved out of `values` first), so their accesses are not checked at
    // run time: the checks cost more than the arithmetic of a small training step.
    @usableFromInline @exclusivity(unchecked) var nodes: [Node] = []
    /// The value of each recorded node; entries past `nodes.count` are storage kept for reuse.
    @usableFromInline @exclusivity(unchecked) var values: [Tensor<Scalar>] = []
    /// The gradient of each node where `hasGradient` is true; otherwise storage kept for reuse.
    @usableFromInline @exclusivity(unchecked) var gradients: [Tensor<Scalar>] = []
    @usableFromInline @exclusivity(unchecked) var hasGradient: [Bool] = []
    /// Whether ``moveGradients(of:into:)`` took the gradient of each node since the last
    /// backward pass.
    @usableFromInline @exclusivity(unchecked) var gradientMoved: [Bool] = []
    /// Counts the resets: a variable recorded under another number belongs to an ended recording.
    @usableFromInline @exclusivity(unchecked) var recordingNumber = 0
    /// The temporaries of the backward pass, in the order it asks for them.
    @usableFromInline @exclusivity(unchecked) var temporaries: [Tensor<Scalar>] = []
    @usableFromInline @exclusivity(unchecked) var temporaryCount = 0
    /// What a released slot holds: an empty tensor, allocated once.
    @usableFromInline let released = Tensor<Scalar>(uncheckedShape: [0], scalars: [])

    /// Whether a backward pass replaces the gradients of the previous one or adds to them;
    /// ``GradientMode/write`` by default.
    public var gradientMode: GradientMode

    /// An empty tape that writes or adds gradients as `gradientMode` says.
    public init(gradientMode: GradientMode = .write) {
        self.gradientMode = gradientMode
    }

    /// The number of recorded nodes.
    public var count: Int { nodes.count }

    /// Records `value` as a leaf whose gradient is wanted (the book's `attach_grad`).
    @inlinable
    public func parameter(_ value: Tensor<Scalar>) -> Variable<Scalar> {
        record(value, .leaf, requiresGradient: true)
    }

    /// Records every tensor of `values` as a parameter, in order.
    @inlinable
    public func parameters(_ values: [Tensor<Scalar>]) -> RecordedVariables<Scalar> {
        let start = nodes.count
        for value in values { _ = parameter(value) }
        return RecordedVariables(tape: self, indices: start..<nodes.count)
    }

    /// Records `value` as a leaf that needs no gradient (data, labels).
    @inlinable
    public func constant(_ value: Tensor<Scalar>) -> Variable<Scalar> {
        record(value, .leaf, requiresGradient: false)
    }

    /// Forgets every recorded node and gradient, ending the recording: variables recorded
    /// so far keep their values but no longer have gradients.
    ///
    /// The tape lets go of the tensors it was given and of views of them, and keeps the storage
    /// of what it computed for the next recording.
    @inlinable
    public func reset() {
        for index in nodes.indices where !nodes[index].operation.computesValue {
            values[index] = released
        }
        nodes.removeAll(keepingCapacity: true)
        for index in hasGradient.indices {
            hasGradient[index] = false
            gradientMoved[index] = false
        }
        recordingNumber &+= 1
    }

    /// Sets every gradient to zero, keeping the recording: with ``GradientMode/add``, the
    /// start of a new accumulation (MXNet's `zero_grad()`).
    @inlinable
    public func zeroGradients() {
        for index in hasGradient.indices {
            hasGradient[index] = false
            gradientMoved[index] = false
        }
    }

    /// Runs `body`, which records on this tape, then resets the tape.
    ///
    /// Whatever `body` needs from the recording (the loss, gradients moved out with
    /// ``moveGradients(of:into:)``) it takes before returning.
    @inlinable
    public func recording<Result>(_ body: () throws -> Result) rethrows -> Result {
        defer { reset() }
        return try body()
    }

    @inlinable
    @inline(__always)
    func record(_ value: Tensor<Scalar>, _ operation: Operation, requiresGradient: Bool) -> Variable<Scalar> {
        let index = nodes.count
        nodes.append(Node(operation: operation, requiresGradient: requiresGradient))
        if index < values.count {
            values[index] = value
        } else {
            values.append(value)
        }
        return Variable(tape: self, index: index)
    }

    /// Records a node whose value `compute` writes (every element) into storage of `shape`,
    /// reused from an earlier recording when it has that shape.
    @inlinable
    @inline(__always)
    func record(
        _ operation: Operation, shape: ResultShape, requiresGradient: Bool,
        _ compute: (inout Tensor<Scalar>) -> Void
    ) -> Variable<Scalar> {
        let index = nodes.count
        nodes.append(Node(operation: operation, requiresGradient: requiresGradient))
        if index == values.count { values.append(released) }
        var value = released
        swap(&value, &values[index])
        if !shape.matches(value.shape) { value = Tensor(repeating: 0, shape: shape.array) }
        compute(&value)
        swap(&value, &values[index])
        return Variable(tape: self, index: index)
    }

    /// Traps unless `variable` was recorded on this tape in the current recording.
    @inlinable
    @inline(__always)
    func checkRecorded(_ variable: Variable<Scalar>) {
        precondition(variable.tape === self, "the variable was recorded on another tape")
        precondition(
            variable.recordingNumber == recordingNumber,
            "the variable was recorded before the tape was reset; its recording has ended")
    }

    @inlinable
    func requiresGradient(_ a: Int) -> Bool { nodes[a].requiresGradient }

    @inlinable
    func requiresGradient(_ a: Int, _ b: Int) -> Bool { nodes[a].requiresGradient || nodes[b].requiresGradient }
}
