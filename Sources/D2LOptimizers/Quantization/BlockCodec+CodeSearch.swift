extension BlockCodec {
    /// bitsandbytes' code for the normalized value `v`: the code nearest to the grid point
    /// nearest to `v` (see ``QuantizationGrid``).
    func gridCode(normalized v: Float) -> UInt8 {
        gridLookup[QuantizationGrid.index(of: v)]
    }

    /// The code nearest to `v`, a tie to the lower code; 0 below the map and for NaN: the
    /// definition of ``QuantizationRounding/nearest``, from which ``NearestCodeTable`` is built
    /// and against which its branch-free form is tested.
    func nearestCode(normalized v: Float) -> UInt8 {
        let lower = codeAtOrBelow(v)
        guard lower < values.count - 1 else { return UInt8(lower) }
        let closerAbove = abs(values[lower + 1] - v) < abs(v - values[lower])
        return UInt8(closerAbove ? lower + 1 : lower)
    }

    /// The code below or at `v` (`map[q] ≤ v < map[q + 1]`), or the one above with probability
    /// `(v − map[q]) / (map[q + 1] − map[q])`, decided by `uniform` in [0, 1).
    func stochasticCode(normalized v: Float, uniform: Float) -> UInt8 {
        let lower = codeAtOrBelow(v)
        guard lower < values.count - 1, v > values[lower] else { return UInt8(lower) }
        let fraction = (v - values[lower]) / (values[lower + 1] - values[lower])
        return UInt8(uniform < fraction ? lower + 1 : lower)
    }

    /// The largest code `q` with `map[q] ≤ v`; 0 when `v` is below `map[0]` or NaN.
    ///
    /// The floor table gives a code at or below the answer from `v`'s grid index; the search
    /// then steps up past the codes ≤ v: at most one step, except close to zero, where several
    /// codes share one grid step.
    func codeAtOrBelow(_ v: Float) -> Int {
        var code = Int(floorLookup[QuantizationGrid.index(of: v)])
        while code < values.count - 1, values[code + 1] <= v { code += 1 }
        return code
    }
}
