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

    /// The elements of a block that the rule and the quantization take in turn.
    static let partSize = 64

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

    /// The blocks of one chunk, software-pipelined: while the rule runs over block `b`, a part
    /// at a time, the parts of block `b − 1` are quantized between them. The rule's square
    /// roots and divisions and the quantization's table lookups use different units of the
    /// processor, and interleaved closely enough they run at the same time; each block is still
    /// dequantized, updated and quantized exactly as on its own.
    struct BlockPass<Rule: ElementwiseRule>: ChunkedPass {
        typealias Scalar = Rule.Scalar
        let rule: Rule
        let p: UnsafeMutablePointer<Scalar>
        let g: UnsafePointer<Scalar>
        let state: QuantizedStateBuffers

        func run(chunk: Int, range blocks: Range<Int>) {
            let size = BlockCodec.blockSize
            withUnsafeTemporaryAllocation(of: Scalar.self, capacity: 6 * size) { scratch in
                withUnsafeTemporaryAllocation(of: Float.self, capacity: 6 * size) { narrowed in
                    var pending: UpdatedBlock?
                    for (index, block) in blocks.enumerated() {
                        let slots = scratch.baseAddress! + (index % 2) * 3 * size
                        let start = block * size
                        let count = Swift.min(size, state.count - start)
                        if Rule.slots.contains(.first) { load(state.first!, block: block, count: count, into: slots) }
                        if Rule.slots.contains(.second) { load(state.second!, block: block, count: count, into: slots + size) }
                        if Rule.slots.contains(.third) { load(state.third!, block: block, count: count, into: slots + 2 * size) }
                        for part in stride(from: 0, to: size, by: QuantizedKernel.partSize) {
                            if part < count {
                                ElementwiseKernel.loop(
                                    rule, p + start + part, g + start + part, slots + part, slots + size + part,
                                    slots + 2 * size + part, count: Swift.min(QuantizedKernel.partSize, count - part))
                            }
                            pending?.store(part: part, into: state)
                        }
                        pending = UpdatedBlock(
                            block: block, count: count, slots: slots, narrowed: narrowed.baseAddress! + (index % 2) * 3 * size,
                            state: state, rule: Rule.self)
                    }
                    if let pending {
                        for part in stride(from: 0, to: size, by: QuantizedKernel.partSize) { pending.store(part: part, into: state) }
                    }
                }
            }
        }

        /// Dequantizes block `block` of `slot` into `scratch`: `map[q_i] · absmax` in `Float`,
        /// as ``BlockCodec/dequantize(_:absmax:into:instructions:)``, then widened to `Scalar`.
        @inline(__always)
        private func load(_ slot: QuantizedSlotBuffer, block: Int, count: Int, into scratch: UnsafeMutablePointer<Scalar>) {
            let codes = UnsafeBufferPointer(start: slot.codes + block * BlockCodec.blockSize, count: count)
            let absmax = slot.absmax[block]
            if Scalar.self == Float.self {
                let floats = UnsafeMutableRawPointer(scratch).assumingMemoryBound(to: Float.self)
                slot.codec.dequantize(codes, absmax: absmax, into: UnsafeMutableBufferPointer(start: floats, count: count))
            } else {
                let values = slot.codec.values
                for i in 0..<count { scratch[i] = Scalar(values[Int(codes[i])] * absmax) }
            }
        }
    }

    /// A block the rule has updated, its slots in `Float` with their absmax, waiting to be
    /// quantized a part at a time.
    struct UpdatedBlock {
        let block: Int
        let count: Int
        /// Each slot's values (in the scratch when `Float`, narrowed otherwise), by slot.
        let values: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>)
        /// Each slot's absmax over the block, by slot.
        let absmax: (Float, Float, Float)
        /// Which slots the rule uses, by slot.
        let usesSlots: (Bool, Bool, Bool)

        init<Rule: ElementwiseRule>(
            block: Int, count: Int, slots: UnsafeMutablePointer<Rule.Scalar>, narrowed: UnsafeMutablePointer<Float>,
            state: QuantizedStateBuffers, rule: Rule.Type
        ) {
            let size = BlockCodec.blockSize
            func floats(_ slot: Int) -> UnsafeMutablePointer<Float> {
                let scratch = slots + slot * size
                if Rule.Scalar.self == Float.self { return UnsafeMutableRawPointer(scratch).assumingMemoryBound(to: Float.self) }
                for i in 0..<count { narrowed[slot * size + i] = Float(scratch[i]) }
                return narrowed + slot * size
            }
            func absmax(_ slot: QuantizedSlotBuffer?, _ values: UnsafeMutablePointer<Float>) -> Float {
                slot.map { $0.codec.absmax(of: UnsafeBufferPointer(start: values, count: count)) } ?? 0
            }
            let unused = narrowed
            let first = Rule.slots.contains(.first) ? floats(0) : unused
            let second = Rule.slots.contains(.second) ? floats(1) : unused
            let third = Rule.slots.contains(.third) ? floats(2) : unused
            self.block = block
            self.count = count
            self.values = (first, second, third)
            self.absmax = (
                Rule.slots.contains(.first) ? absmax(state.first, first) : 0,
                Rule.slots.contains(.second) ? absmax(state.second, second) : 0,
                Rule.slots.contains(.third) ? absmax(state.third, third) : 0
            )
            self.usesSlots = (Rule.slots.contains(.first), Rule.slots.contains(.second), Rule.slots.contains(.third))
        }

        /// Quantizes the elements from `part` (up to ``QuantizedKernel/partSize`` of them) of every
        /// used slot, and records the slots' absmax with the first part.
        @inline(__always)
        func store(part: Int, into state: QuantizedStateBuffers) {
            guard part < count else { return }
            let length = Swift.min(QuantizedKernel.partSize, count - part)
            if usesSlots.0 { store(values.0, absmax: absmax.0, part: part, length: length, into: state.first!, firstIndex: state.firstIndex) }
            if usesSlots.1 { store(values.1, absmax: absmax.1, part: part, length: length, into: state.second!, firstIndex: state.firstIndex) }
            if usesSlots.2 { store(values.2, absmax: absmax.2, part: part, length: length, into: state.third!, firstIndex: state.firstIndex) }
        }

        @inline(__always)
        private func store(
            _ values: UnsafeMutablePointer<Float>, absmax: Float, part: Int, length: Int, into slot: QuantizedSlotBuffer,
            firstIndex: Int
        ) {
            let start = block * BlockCodec.blockSize + part
            if part == 0 { slot.absmax[block] = absmax }
            slot.codec.quantize(
                UnsafeBufferPointer(start: values + part, count: length), absmax: absmax,
                into: UnsafeMutableBufferPointer(start: slot.codes + start, count: length), rounding: slot.rounding,
                firstIndex: firstIndex + start)
        }
    }
}
