extension DynamicQuantizationMap {
    /// The 256 values of bitsandbytes' `create_dynamic_map(signed:)` with its defaults
    /// (7 exponent bits, 8 bits in all), in the order and rounding of its Python and torch code:
    ///
    /// ```
    /// for e in 0..<7:
    ///     b     = linspace(0.1, 1, n_e)                  (Float)
    ///     means = (b[:-1] + b[1:]) / 2                   (Float)
    ///     data += Float(10^(e−6)) · means                (Float product; signed: also −that)
    /// data += [0, 1]; sort
    /// ```
    static func dynamicMapValues(_ sign: Sign) -> [Float] {
        var data: [Float] = [0, 1]
        for exponent in 0..<7 {
            let count = sign == .signed ? (1 << exponent) + 1 : (1 << (exponent + 1)) + 1
            let boundaries = linspace(from: 0.1, to: 1, count: count)
            let scale = Float(decimalPowers[exponent])
            for j in 0..<(count - 1) {
                let value = scale * ((boundaries[j] + boundaries[j + 1]) / 2)
                data.append(value)
                if sign == .signed { data.append(-value) }
            }
        }
        precondition(data.count == codeCount, "a dynamic map has 256 values")
        return data.sorted()
    }

    /// 10⁻⁶ … 10⁰ as the nearest `Double`s, which is what Python's `10 ** k` gives.
    private static let decimalPowers: [Double] = [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1]

    /// `torch.linspace(start, end, count, dtype=torch.float32)` as torch's vectorized CPU kernel
    /// computes it (AVX2 and AVX-512, with fused multiply-add):
    ///
    /// ```
    /// step = (end − start) / (count − 1)
    /// b_i  = fma(i, step, start)                  for i <  count / 2
    /// b_i  = fma(−step, count − 1 − i, end)       for i ≥ count / 2
    /// ```
    ///
    /// (torch's scalar kernel rounds the product and the sum separately, which moves about
    /// forty of the map's values by one or two units in the last place.)
    static func linspace(from start: Float, to end: Float, count: Int) -> [Float] {
        let step = (end - start) / Float(count - 1)
        let halfway = count / 2
        return (0..<count).map { i in
            i < halfway
                ? start.addingProduct(Float(i), step)
                : end.addingProduct(-step, Float(count - 1 - i))
        }
    }
}
