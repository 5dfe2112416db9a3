import D2LTensor

/// Contiguous buffers for one parameter's state: one buffer per slot a rule uses, each as long
/// as the parameter.
public struct StateBuffers<Scalar: TensorScalar> {
    /// Slot ``ElementState/first``, or `nil` when unused.
    public var first: UnsafeMutableBufferPointer<Scalar>?
    /// Slot ``ElementState/second``, or `nil` when unused.
    public var second: UnsafeMutableBufferPointer<Scalar>?
    /// Slot ``ElementState/third``, or `nil` when unused.
    public var third: UnsafeMutableBufferPointer<Scalar>?

    /// Buffers for the given slots.
    public init(
        first: UnsafeMutableBufferPointer<Scalar>? = nil,
        second: UnsafeMutableBufferPointer<Scalar>? = nil,
        third: UnsafeMutableBufferPointer<Scalar>? = nil
    ) {
        self.first = first
        self.second = second
        self.third = third
    }
}

/// The fused loop that runs an ``ElementwiseRule`` over whole buffers in one pass.
///
/// Each element of the parameter, its gradient and the state slots the rule uses is read once
/// and written once; nothing is allocated. Because `Rule.slots` is a constant of the
/// specialised rule, unused slots cost nothing and the loop body is straight-line arithmetic
/// the compiler can vectorize.
public enum ElementwiseKernel {
    /// Applies `rule` to every element of `parameters`.
    ///
    /// - Precondition: `gradients` and every buffer of a used slot have `parameters.count`
    ///   elements (checked by the callers that take user input).
    /// - Complexity: O(n), one pass.
    @inlinable
    public static func apply<Rule: ElementwiseRule>(
        _ rule: Rule,
        parameters: UnsafeMutableBufferPointer<Rule.Scalar>,
        gradients: UnsafeBufferPointer<Rule.Scalar>,
        state: StateBuffers<Rule.Scalar>
    ) {
        let count = parameters.count
        precondition(gradients.count == count, "gradient count differs from parameter count")
        guard count > 0, let p = parameters.baseAddress, let g = gradients.baseAddress else { return }
        let s0 = pointer(state.first, used: Rule.slots.contains(.first), count: count)
        let s1 = pointer(state.second, used: Rule.slots.contains(.second), count: count)
        let s2 = pointer(state.third, used: Rule.slots.contains(.third), count: count)
        for i in 0..<count {
            var element = ElementState<Rule.Scalar>()
            if Rule.slots.contains(.first) { element.first = s0[i] }
            if Rule.slots.contains(.second) { element.second = s1[i] }
            if Rule.slots.contains(.third) { element.third = s2[i] }
            var parameter = p[i]
            rule.update(&parameter, gradient: g[i], state: &element)
            p[i] = parameter
            if Rule.slots.contains(.first) { s0[i] = element.first }
            if Rule.slots.contains(.second) { s1[i] = element.second }
            if Rule.slots.contains(.third) { s2[i] = element.third }
        }
    }

    @inlinable
    static func pointer<Scalar>(
        _ buffer: UnsafeMutableBufferPointer<Scalar>?, used: Bool, count: Int
    ) -> UnsafeMutablePointer<Scalar> {
        // An unused slot is never dereferenced: every access is guarded by the same constant
        // `Rule.slots` test, so a placeholder address stands in for the missing buffer.
        guard used else { return UnsafeMutablePointer(bitPattern: MemoryLayout<Scalar>.alignment)! }
        guard let buffer, buffer.count == count, let base = buffer.baseAddress else {
            preconditionFailure("a state buffer the rule uses is missing or has the wrong length")
        }
        return base
    }
}
