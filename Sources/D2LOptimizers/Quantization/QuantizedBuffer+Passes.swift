extension QuantizedBuffer {
    /// Quantizes `values` (``count`` of them) block by block, on as many threads as the buffer's
    /// size and ``KernelParallelism/current`` allow; each thread takes whole blocks.
    mutating func quantizeAll(_ values: UnsafeBufferPointer<Float>, rounding: QuantizationRounding) {
        let count = count
        let blocks = blockCount
        let threads = KernelParallelism.current.threadCount(forElementCount: count)
        map.withBlockCodec { codec in
            codes.withUnsafeMutableBufferPointer { codes in
                absmax.withUnsafeMutableBufferPointer { absmax in
                    let pass = QuantizePass(codec: codec, values: values, codes: codes, absmax: absmax, rounding: rounding)
                    ParallelChunks.run(count: blocks, threads: Swift.min(threads, blocks), address: UInt(bitPattern: codes.baseAddress), stride: Self.blockSize, pass)
                }
            }
        }
    }

    /// Dequantizes into `values` (``count`` of them) block by block, on as many threads as the
    /// buffer's size and ``KernelParallelism/current`` allow.
    func dequantizeAll(into values: UnsafeMutableBufferPointer<Float>) {
        let threads = KernelParallelism.current.threadCount(forElementCount: count)
        map.withBlockCodec { codec in
            codes.withUnsafeBufferPointer { codes in
                absmax.withUnsafeBufferPointer { absmax in
                    let pass = DequantizePass(codec: codec, codes: codes, absmax: absmax, values: values)
                    ParallelChunks.run(count: blockCount, threads: Swift.min(threads, blockCount), address: UInt(bitPattern: values.baseAddress), stride: Self.blockSize * MemoryLayout<Float>.stride, pass)
                }
            }
        }
    }
}

/// Quantizes the blocks of one chunk.
private struct QuantizePass: ChunkedPass {
    let codec: BlockCodec
    let values: UnsafeBufferPointer<Float>
    let codes: UnsafeMutableBufferPointer<UInt8>
    let absmax: UnsafeMutableBufferPointer<Float>
    let rounding: QuantizationRounding

    func run(chunk: Int, range blocks: Range<Int>) {
        for block in blocks {
            let elements = block * QuantizedBuffer.blockSize..<Swift.min((block + 1) * QuantizedBuffer.blockSize, values.count)
            absmax[block] = codec.quantize(
                UnsafeBufferPointer(rebasing: values[elements]), into: UnsafeMutableBufferPointer(rebasing: codes[elements]),
                rounding: rounding, firstIndex: elements.lowerBound
            )
        }
    }
}

/// Dequantizes the blocks of one chunk.
private struct DequantizePass: ChunkedPass {
    let codec: BlockCodec
    let codes: UnsafeBufferPointer<UInt8>
    let absmax: UnsafeBufferPointer<Float>
    let values: UnsafeMutableBufferPointer<Float>

    func run(chunk: Int, range blocks: Range<Int>) {
        for block in blocks {
            let elements = block * QuantizedBuffer.blockSize..<Swift.min((block + 1) * QuantizedBuffer.blockSize, codes.count)
            codec.dequantize(
                UnsafeBufferPointer(rebasing: codes[elements]), absmax: absmax[block],
                into: UnsafeMutableBufferPointer(rebasing: values[elements])
            )
        }
    }
}
