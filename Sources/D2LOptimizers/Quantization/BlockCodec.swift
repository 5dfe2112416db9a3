import CD2LMath

/// Quantizes and dequantizes one block of up to ``blockSize`` values with a dynamic map: the
/// unit a fused optimizer kernel calls per block, reading the map's tables through pointers
/// and allocating nothing.
///
/// ```
/// absmax = max(0, max_i |x_i|)                 (NaN elements are skipped)
/// v_i    = clamp(x_i · (1 / absmax), −1, 1)
/// q_i    = the code of v_i by the rounding     (every q_i = 0 when absmax = 0)
/// x̂_i    = map[q_i] · absmax
/// ```
///
/// With ``QuantizationRounding/bitsandbytes`` the codes, absmax and x̂ equal bitsandbytes'
/// `quantize_blockwise` / `dequantize_blockwise` on CPU bit for bit.
package struct BlockCodec {
    /// The number of values sharing one absmax, 256 as in bitsandbytes' optimizers.
    package static let blockSize = 256

    /// The map's values, ascending (256).
    let values: UnsafeBufferPointer<Float>
    /// The code nearest to each grid point (65,536).
    let gridLookup: UnsafeBufferPointer<UInt8>
    /// A code at or below every value that rounds to each grid point (65,536).
    let floorLookup: UnsafeBufferPointer<UInt8>
    /// The map's tables in the layouts of the C kernels.
    let tables: UnsafePointer<d2l_code_tables>

    /// The largest magnitude in `block`, at least 0; NaN elements do not count. The loops run on
    /// the widest instruction set at most `instructionSet` that the processor has, every one
    /// giving the same bits, here and below.
    package func absmax(of block: UnsafeBufferPointer<Float>, instructionSet: d2l_instruction_set = D2L_INSTRUCTION_SET_WIDEST) -> Float {
        guard let source = block.baseAddress else { return 0 }
        return d2l_absmax(source, block.count, instructionSet)
    }

    /// Writes the codes of `block` into `codes` (the same count) and returns the block's absmax.
    ///
    /// - Parameters:
    ///   - firstIndex: the index of `block[0]` in its buffer, which seeds stochastic rounding.
    package func quantize(
        _ block: UnsafeBufferPointer<Float>, into codes: UnsafeMutableBufferPointer<UInt8>,
        rounding: QuantizationRounding, firstIndex: Int
    ) -> Float {
        precondition(block.count == codes.count && block.count <= Self.blockSize, "one block and its codes")
        let absmax = absmax(of: block)
        guard absmax != 0 else {
            codes.update(repeating: 0)
            return absmax
        }
        let inverse = 1 / absmax
        switch rounding {
        case .bitsandbytes:
            for i in block.indices { codes[i] = gridCode(normalized: block[i] * inverse) }
        case .nearest:
            quantizeNearest(block, inverse: inverse, into: codes)
        case let .stochastic(seed, step):
            let noise = QuantizationNoise(seed: seed, step: step)
            for i in block.indices {
                codes[i] = stochasticCode(normalized: block[i] * inverse, uniform: noise.uniform(at: firstIndex + i))
            }
        }
        return absmax
    }

    /// Writes `map[codes[i]] · absmax` into `block` (the same count).
    package func dequantize(
        _ codes: UnsafeBufferPointer<UInt8>, absmax: Float, into block: UnsafeMutableBufferPointer<Float>,
        instructionSet: d2l_instruction_set = D2L_INSTRUCTION_SET_WIDEST
    ) {
        precondition(block.count == codes.count, "codes and their block")
        guard let source = codes.baseAddress, let destination = block.baseAddress else { return }
        d2l_dequantize(tables, source, codes.count, absmax, destination, instructionSet)
    }
}
