extension BlockCodec {
    /// Dequantizes one block into a scratch buffer on the stack, lets `update` change the values,
    /// and quantizes them back: the step of a fused kernel over 8-bit state, without allocating.
    ///
    /// ```
    /// s_i = map[q_i] · absmax;   update(s);   (q', absmax') = quantize(s)
    /// ```
    ///
    /// - Parameters:
    ///   - codes: the block's codes (up to ``blockSize``), replaced by the new codes.
    ///   - absmax: the block's absmax, replaced by the new one.
    ///   - firstIndex: the index of `codes[0]` in its buffer, which seeds stochastic rounding.
    package func update(
        _ codes: UnsafeMutableBufferPointer<UInt8>, absmax: inout Float, rounding: QuantizationRounding, firstIndex: Int,
        _ update: (UnsafeMutableBufferPointer<Float>) -> Void
    ) {
        precondition(codes.count <= Self.blockSize, "at most one block of codes")
        withUnsafeTemporaryAllocation(of: Float.self, capacity: Self.blockSize) { scratch in
            let block = UnsafeMutableBufferPointer(rebasing: scratch[0..<codes.count])
            dequantize(UnsafeBufferPointer(codes), absmax: absmax, into: block)
            update(block)
            absmax = quantize(UnsafeBufferPointer(block), into: codes, rounding: rounding, firstIndex: firstIndex)
        }
    }
}
