/// A dynamic map's values and the grid lookup table derived from them, built once per map and
/// read by every quantization pass.
final class QuantizationTables: Sendable {
    /// The value of each code, ascending (256).
    let values: [Float]
    /// The code for each point of ``QuantizationGrid`` (65,536).
    let gridLookup: [UInt8]

    init(values: [Float]) {
        self.values = values
        self.gridLookup = QuantizationGrid.lookupTable(for: values)
    }

    /// Runs `body` with a codec reading these tables through pointers, valid inside `body` only.
    func withCodec<Result>(_ body: (BlockCodec) -> Result) -> Result {
        values.withUnsafeBufferPointer { values in
            gridLookup.withUnsafeBufferPointer { lookup in
                body(BlockCodec(values: values, gridLookup: lookup))
            }
        }
    }
}
