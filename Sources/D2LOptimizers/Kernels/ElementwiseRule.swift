import D2LTensor

/// The per-element state an ``ElementwiseRule`` reads and writes: up to three scalars, such as
/// RMSProp's square average, gradient average and momentum buffer.
public struct ElementState<Scalar: TensorScalar>: Sendable {
    /// The first state slot.
    public var first: Scalar
    /// The second state slot.
    public var second: Scalar
    /// The third state slot.
    public var third: Scalar

    /// A state with the given slot values.
    @inlinable
    public init(first: Scalar = 0, second: Scalar = 0, third: Scalar = 0) {
        self.first = first
        self.second = second
        self.third = third
    }
}

/// Which of the three state slots a rule uses. Kernels load and store only those.
public struct StateSlots: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Slot ``ElementState/first``.
    public static let first = StateSlots(rawValue: 1)
    /// Slot ``ElementState/second``.
    public static let second = StateSlots(rawValue: 2)
    /// Slot ``ElementState/third``.
    public static let third = StateSlots(rawValue: 4)
}

/// An optimizer's update for one scalar parameter: the pure core of every optimizer.
///
/// `update(_:gradient:state:)` maps `(parameter, gradient, state)` to the new parameter and
/// state. It is called once per element by ``ElementwiseKernel``, which fuses it into a single
/// pass over memory, and directly by code that optimizes a handful of scalars (the 2D traces).
/// A rule holds the step's coefficients (learning rate, decay, …) already resolved, so the
/// per-element work is arithmetic only.
public protocol ElementwiseRule: Sendable {
    /// The floating-point type updated.
    associatedtype Scalar: TensorScalar

    /// The state slots this rule uses; a compile-time constant in every conformance.
    static var slots: StateSlots { get }

    /// Updates one parameter element given its gradient and state.
    func update(_ parameter: inout Scalar, gradient: Scalar, state: inout ElementState<Scalar>)

    /// ``update(_:gradient:state:)`` written out, operation by operation, with this step's
    /// coefficients; `g` is the gradient the rule receives, `p` the parameter.
    var updateDescription: UpdateDescription { get }
}

extension ElementwiseRule {
    /// A rule that does not describe itself is named.
    public var updateDescription: UpdateDescription {
        UpdateDescription(operations: ["p ← \(Self.self)(p, g)"])
    }
}
