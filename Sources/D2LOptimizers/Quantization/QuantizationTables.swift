/// A dynamic map's values and the grid lookup tables derived from them, built once per map and
/// read by every quantization pass.
final class QuantizationTables: Sendable {
    /// The value of each code, ascending (256).
    let values: [Float]
    /// The code nearest to each point of ``QuantizationGrid`` (65,536).
    let gridLookup: [UInt8]
    /// For each grid point, a code at or below every value that rounds to it (65,536).
    let floorLookup: [UInt8]
    /// The tables of the branch-free nearest rounding.
    let nearest: NearestCodeTable

    init(values: [Float]) {
        self.values = values
        self.gridLookup = QuantizationGrid.lookupTable(for: values)
        self.floorLookup = QuantizationGrid.floorTable(for: values)
        self.nearest = NearestCodeTable(values: values)
    }

    /// Runs `body` with a codec reading these tables through pointers, valid inside `body` only.
    func withCodec<Result>(_ body: (BlockCodec) -> Result) -> Result {
        values.withUnsafeBufferPointer { values in
            gridLookup.withUnsafeBufferPointer { gridLookup in
                floorLookup.withUnsafeBufferPointer { floorLookup in
                    nearest.counts.withUnsafeBufferPointer { counts in
                        nearest.thresholds.withUnsafeBufferPointer { thresholds in
                            body(BlockCodec(
                                values: values, gridLookup: gridLookup, floorLookup: floorLookup, nearestCounts: counts,
                                nearestThresholds: thresholds, nearestZeroCode: nearest.zeroCode))
                        }
                    }
                }
            }
        }
    }
}
