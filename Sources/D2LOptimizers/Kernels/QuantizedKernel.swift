import D2LTensor

/// The fused loop of a step over 8-bit state: for each block of 256 elements, dequantize every
/// used slot into scratch on the stack, run the rule (with its step's processing) over the
/// block exactly as ``ElementwiseKernel`` runs it over `Scalar` state, and quantize the slots
/// back.
///
/// ```
/// s_i = map[q_i] · absmax_b;   (p_i, s_i) ← rule(p_i, g_i, s_i);   (q, absmax_b) ← quantize(s)
/// ```
///
/// Each element of the parameter and gradient is read once, each code read and written once:
/// plain RMSProp moves 4 + 4 + 4 + 1 + 1 bytes per parameter (plus an absmax per 256) instead
/// of 20. Large tensors are split over threads as ``KernelParallelism/current`` allows, in
/// whole blocks; blocks are independent and stochastic rounding draws its numbers from the
/// element index, so the results do not depend on the thread count. Nothing is allocated.
@usableFromInline
package enum QuantizedKernel {
    /// Applies a processed rule over 8-bit state, running only its inner rule when the
    /// processing is neutral (as ``ElementwiseKernel/apply(_:parameters:gradients:state:)-(ProcessedRule<Inner>,_,_,_)``).
    @usableFromInline
    package static func apply<Inner: ElementwiseRule>(
        _ rule: ProcessedRule<Inner>, parameters: UnsafeMutableBufferPointer<Inner.Scalar>,
        gradients: UnsafeBufferPointer<Inner.Scalar>, state: QuantizedStateBuffers
    ) {
        if rule.gradientProcessing == GradientProcessing() && rule.parameterProcessing == ParameterProcessing() {
            applyLoop(rule.inner, parameters: parameters, gradients: gradients, state: state)
        } else {
            applyLoop(rule, parameters: parameters, gradients: gradients, state: state)
        }
    }

    /// Checks the buffers, then runs the blocks on one thread or several.
    static func applyLoop<Rule: ElementwiseRule>(
        _ rule: Rule, parameters: UnsafeMutableBufferPointer<Rule.Scalar>, gradients: UnsafeBufferPointer<Rule.Scalar>,
        state: QuantizedStateBuffers
    ) {
        let count = parameters.count
        precondition(gradients.count == count && state.count == count, "parameters, gradients and 8-bit state of one length")
        guard count > 0, let p = parameters.baseAddress, let g = gradients.baseAddress else { return }
        precondition(
            (!Rule.slots.contains(.first) || state.first != nil) && (!Rule.slots.contains(.second) || state.second != nil)
                && (!Rule.slots.contains(.third) || state.third != nil), "an 8-bit state slot the rule uses is missing")
        let blocks = (count + BlockCodec.blockSize - 1) / BlockCodec.blockSize
        let pass = BlockPass(rule: rule, p: p, g: g, state: state)
        guard count >= 2 * KernelParallelism.smallestThreshold else {
            pass.run(chunk: 0, range: 0..<blocks)
            return
        }
        let threads = Swift.min(blocks, KernelParallelism.current.threadCount(forElementCount: count))
        ParallelChunks.run(
            count: blocks, threads: threads, address: UInt(bitPattern: p),
            stride: BlockCodec.blockSize * MemoryLayout<Rule.Scalar>.stride, pass)
    }

    /// The blocks of one chunk.
    struct BlockPass<Rule: ElementwiseRule>: ChunkedPass {
        typealias Scalar = Rule.Scalar
        let rule: Rule
        let p: UnsafeMutablePointer<Scalar>
        let g: UnsafePointer<Scalar>
        let state: QuantizedStateBuffers

        func run(chunk: Int, range blocks: Range<Int>) {
            let size = BlockCodec.blockSize
            withUnsafeTemporaryAllocation(of: Scalar.self, capacity: size) { s0 in
                withUnsafeTemporaryAllocation(of: Scalar.self, capacity: size) { s1 in
                    withUnsafeTemporaryAllocation(of: Scalar.self, capacity: size) { s2 in
                        for block in blocks {
                            let start = block * size
                            let count = Swift.min(size, state.count - start)
                            if Rule.slots.contains(.first) { load(state.first!, block: block, count: count, into: s0) }
                            if Rule.slots.contains(.second) { load(state.second!, block: block, count: count, into: s1) }
                            if Rule.slots.contains(.third) { load(state.third!, block: block, count: count, into: s2) }
                            ElementwiseKernel.loop(
                                rule, p + start, g + start, s0.baseAddress!, s1.baseAddress!, s2.baseAddress!, count: count)
                            if Rule.slots.contains(.first) { store(s0, count: count, into: state.first!, block: block) }
                            if Rule.slots.contains(.second) { store(s1, count: count, into: state.second!, block: block) }
                            if Rule.slots.contains(.third) { store(s2, count: count, into: state.third!, block: block) }
                        }
                    }
                }
            }
        }

        /// Dequantizes block `block` of `slot` into `scratch`: `map[q_i] · absmax` in `Float`,
        /// as ``BlockCodec/dequantize(_:absmax:into:)``, then widened to `Scalar`.
        @inline(__always)
        private func load(_ slot: QuantizedSlotBuffer, block: Int, count: Int, into scratch: UnsafeMutableBufferPointer<Scalar>) {
            let codes = UnsafeBufferPointer(start: slot.codes + block * BlockCodec.blockSize, count: count)
            let absmax = slot.absmax[block]
            if Scalar.self == Float.self {
                let floats = UnsafeMutableRawPointer(scratch.baseAddress!).assumingMemoryBound(to: Float.self)
                slot.codec.dequantize(codes, absmax: absmax, into: UnsafeMutableBufferPointer(start: floats, count: count))
            } else {
                let values = slot.codec.values
                for i in 0..<count { scratch[i] = Scalar(values[Int(codes[i])] * absmax) }
            }
        }

        /// Quantizes `scratch` back into block `block` of `slot`.
        @inline(__always)
        private func store(_ scratch: UnsafeMutableBufferPointer<Scalar>, count: Int, into slot: QuantizedSlotBuffer, block: Int) {
            let start = block * BlockCodec.blockSize
            let codes = UnsafeMutableBufferPointer(start: slot.codes + start, count: count)
            let firstIndex = state.firstIndex + start
            if Scalar.self == Float.self {
                let values = UnsafeBufferPointer(start: UnsafeRawPointer(scratch.baseAddress!).assumingMemoryBound(to: Float.self), count: count)
                slot.absmax[block] = slot.codec.quantize(values, into: codes, rounding: slot.rounding, firstIndex: firstIndex)
            } else {
                withUnsafeTemporaryAllocation(of: Float.self, capacity: count) { narrowed in
                    for i in 0..<count { narrowed[i] = Float(scratch[i]) }
                    slot.absmax[block] = slot.codec.quantize(
                        UnsafeBufferPointer(narrowed), into: codes, rounding: slot.rounding, firstIndex: firstIndex)
                }
            }
        }
    }
}
