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
    /// The slots in 8 bits instead, when the tensor keeps 8-bit state (see ``StatePrecision``).
    @usableFromInline package var quantized: QuantizedStateBuffers?

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

    /// The 8-bit slots of one tensor.
    init(quantized: QuantizedStateBuffers) {
        self.quantized = quantized
    }
}

/// The fused loop that runs an ``ElementwiseRule`` over whole buffers in one pass.
///
/// Each element of the parameter, its gradient and the state slots the rule uses is read once
/// and written once; nothing is allocated. Because `Rule.slots` is a constant of the
/// specialised rule, unused slots cost nothing and the loop body is straight-line arithmetic
/// the compiler vectorizes (packed `sqrtps`/`divps` on x86_64, see BENCHMARKS.md). Threaded
/// passes allocate nothing either.
///
/// Large buffers are split over threads as ``KernelParallelism/current`` allows, in chunks
/// aligned to cache lines; the update is elementwise, so the results do not depend on the
/// thread count. A ``ProcessedRule`` whose gradient and parameter processing are neutral runs
/// as its inner rule alone (see the `apply` overload for processed rules).
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
        applyLoop(rule, parameters: parameters, gradients: gradients, state: state)
    }

    /// Applies a processed rule, running only its inner rule when the processing is neutral.
    ///
    /// Neutral processing (rescale 1, no weight decay, no clipping, global scale 1) leaves every
    /// finite parameter and gradient unchanged, so skipping it gives the same results while the
    /// loop does a third of the arithmetic. The only values that can differ are the sign of a
    /// zero parameter (`p − 0 · p` turns −0 into +0) and parameters that are already infinite
    /// (`∞ − 0 · ∞` is NaN).
    ///
    /// - Complexity: O(n), one pass.
    @inlinable
    public static func apply<Inner: ElementwiseRule>(
        _ rule: ProcessedRule<Inner>,
        parameters: UnsafeMutableBufferPointer<Inner.Scalar>,
        gradients: UnsafeBufferPointer<Inner.Scalar>,
        state: StateBuffers<Inner.Scalar>
    ) {
        if rule.gradientProcessing == GradientProcessing() && rule.parameterProcessing == ParameterProcessing() {
            applyLoop(rule.inner, parameters: parameters, gradients: gradients, state: state)
        } else {
            applyLoop(rule, parameters: parameters, gradients: gradients, state: state)
        }
    }

    /// Checks the buffers, then runs the loop on one thread or several.
    @inlinable
    static func applyLoop<Rule: ElementwiseRule>(
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
        // Small passes never read the task-local configuration.
        guard count >= 2 * KernelParallelism.smallestThreshold else {
            loop(rule, p, g, s0, s1, s2, count: count)
            return
        }
        let threads = KernelParallelism.current.threadCount(forElementCount: count)
        let pass = ElementwisePass(rule: rule, p: p, g: g, s0: s0, s1: s1, s2: s2)
        ParallelChunks.run(count: count, threads: threads, address: UInt(bitPattern: p), stride: MemoryLayout<Rule.Scalar>.stride, pass)
    }

    /// The loop over one chunk of the buffers.
    @usableFromInline
    struct ElementwisePass<Rule: ElementwiseRule>: ChunkedPass {
        @usableFromInline let rule: Rule
        @usableFromInline let p: UnsafeMutablePointer<Rule.Scalar>
        @usableFromInline let g: UnsafePointer<Rule.Scalar>
        @usableFromInline let s0: UnsafeMutablePointer<Rule.Scalar>
        @usableFromInline let s1: UnsafeMutablePointer<Rule.Scalar>
        @usableFromInline let s2: UnsafeMutablePointer<Rule.Scalar>

        @inlinable
        init(
            rule: Rule, p: UnsafeMutablePointer<Rule.Scalar>, g: UnsafePointer<Rule.Scalar>,
            s0: UnsafeMutablePointer<Rule.Scalar>, s1: UnsafeMutablePointer<Rule.Scalar>, s2: UnsafeMutablePointer<Rule.Scalar>
        ) {
            self.rule = rule
            self.p = p
            self.g = g
            self.s0 = s0
            self.s1 = s1
            self.s2 = s2
        }

        @inlinable
        func run(chunk: Int, range: Range<Int>) {
            let i = range.lowerBound
            ElementwiseKernel.loop(rule, p + i, g + i, s0 + i, s1 + i, s2 + i, count: range.count)
        }
    }

    /// The fused loop over `count` elements. Unused slot pointers are placeholders that are
    /// never dereferenced.
    @inlinable @inline(__always)
    static func loop<Rule: ElementwiseRule>(
        _ rule: Rule, _ p: UnsafeMutablePointer<Rule.Scalar>, _ g: UnsafePointer<Rule.Scalar>,
        _ s0: UnsafeMutablePointer<Rule.Scalar>, _ s1: UnsafeMutablePointer<Rule.Scalar>,
        _ s2: UnsafeMutablePointer<Rule.Scalar>, count: Int
    ) {
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
