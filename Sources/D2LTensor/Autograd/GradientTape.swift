/// Records tensor operations so that gradients can be computed by reverse-mode differentiation.
///
/// The counterpart of the book's `attach_grad` / `autograd.record` / `backward`:
///
/// ```swift
/// let tape = GradientTape<Float>()
/// let w = tape.parameter(weights)            // attach_grad
/// let b = tape.parameter(bias)
/// let loss = ((tape.constant(x).matmul(w) + b - tape.constant(y)).squared() / 2).mean()
/// tape.backward(from: loss)                  // loss.backward()
/// let gradient = tape.gradient(of: w)        // w.grad
/// ```
///
/// Every operation appends a node holding its value and how to route a gradient back to its
/// inputs; the order of recording is a topological order, so ``backward(from:)`` visits nodes
/// in reverse. ``reset()`` forgets the graph but keeps the node storage for the next step.
public final class GradientTape<Scalar: TensorScalar> {
    @usableFromInline
    struct Node {
        @usableFromInline var value: Tensor<Scalar>
        @usableFromInline var operation: Operation
        @usableFromInline var requiresGradient: Bool

        @usableFromInline
        init(value: Tensor<Scalar>, operation: Operation, requiresGradient: Bool) {
            self.value = value
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
    }

    @usableFromInline var nodes: [Node] = []
    @usableFromInline var gradients: [Tensor<Scalar>?] = []

    /// An empty tape.
    public init() {}

    /// The number of recorded nodes.
    public var count: Int { nodes.count }

    /// Records `value` as a leaf whose gradient is wanted (the book's `attach_grad`).
    @inlinable
    public func parameter(_ value: Tensor<Scalar>) -> Variable<Scalar> {
        record(value, .leaf, requiresGradient: true)
    }

    /// Records `value` as a leaf that needs no gradient (data, labels).
    @inlinable
    public func constant(_ value: Tensor<Scalar>) -> Variable<Scalar> {
        record(value, .leaf, requiresGradient: false)
    }

    /// Forgets every recorded node and gradient, keeping their storage for reuse.
    public func reset() {
        nodes.removeAll(keepingCapacity: true)
        gradients.removeAll(keepingCapacity: true)
    }

    @inlinable
    func record(_ value: Tensor<Scalar>, _ operation: Operation, requiresGradient: Bool) -> Variable<Scalar> {
        nodes.append(Node(value: value, operation: operation, requiresGradient: requiresGradient))
        return Variable(tape: self, index: nodes.count - 1)
    }

    @inlinable
    func value(at index: Int) -> Tensor<Scalar> { nodes[index].value }

    @inlinable
    func requiresGradient(_ indices: Int...) -> Bool {
        indices.contains { nodes[$0].requiresGradient }
    }
}
