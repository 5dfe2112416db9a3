import CD2LMath

/// A dynamic map's values and the grid lookup tables derived from them, built once per map and
/// read by every quantization pass.
///
/// Unchecked `Sendable`: the C kernels' tables are written once, in `init`, and only read after.
final class QuantizationTables: @unchecked Sendable {
    /// The value of each code, ascending (256).
    let values: [Float]
    /// The code nearest to each point of ``QuantizationGrid`` (65,536).
    let gridLookup: [UInt8]
    /// For each grid point, a code at or below every value that rounds to it (65,536).
    let floorLookup: [UInt8]
    /// The tables of the branch-free nearest rounding.
    let nearest: NearestCodeTable
    /// The tables in the layouts of the C kernels (``BlockCodec/dequantize(_:absmax:into:instructionSet:)``,
    /// ``BlockCodec/quantizeNearest(_:inverse:into:instructionSet:)``).
    private let kernelTables: UnsafeMutablePointer<d2l_code_tables>

    init(values: [Float]) {
        self.values = values
        self.gridLookup = QuantizationGrid.lookupTable(for: values)
        self.floorLookup = QuantizationGrid.floorTable(for: values)
        let nearest = NearestCodeTable(values: values)
        self.nearest = nearest
        let kernelTables = UnsafeMutablePointer<d2l_code_tables>.allocate(capacity: 1)
        let estimate = nearest.estimate
        d2l_code_tables_init(
            kernelTables, values, Array(nearest.thresholds.prefix(256)), Array(nearest.thresholds.suffix(256)), nearest.buckets,
            estimate.split, estimate.slope, estimate.offset, Int32(nearest.zeroCode))
        self.kernelTables = kernelTables
    }

    deinit {
        kernelTables.deallocate()
    }

    /// Runs `body` with a codec reading these tables through pointers, valid inside `body` only.
    func withCodec<Result>(_ body: (BlockCodec) -> Result) -> Result {
        values.withUnsafeBufferPointer { values in
            gridLookup.withUnsafeBufferPointer { gridLookup in
                floorLookup.withUnsafeBufferPointer { floorLookup in
                    body(BlockCodec(values: values, gridLookup: gridLookup, floorLookup: floorLookup, tables: kernelTables))
                }
            }
        }
    }
}
