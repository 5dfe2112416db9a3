/// The 256 values an 8-bit code stands for in blockwise dynamic quantization (Dettmers et al.,
/// "8-bit Optimizers via Block-wise Quantization", 2021), the code books of bitsandbytes'
/// `create_dynamic_map`.
///
/// ```swift
/// let map = DynamicQuantizationMap.unsigned    // for non-negative state, e.g. a mean square
/// map.values.count                              // 256, ascending
/// map.values[255]                               // 1.0
/// ```
///
/// A value is a decimal exponent and a linear fraction: for exponent bits e = 0…6 the map holds
/// the means of neighbouring points of `linspace(0.1, 1, n_e)`, scaled by 10^(e − 6):
///
/// ```
/// signed:   n_e = 2^e + 1      values ±10^(e−6) · (b_j + b_{j+1}) / 2   (127 positive, 127 negative)
/// unsigned: n_e = 2^(e+1) + 1  values  10^(e−6) · (b_j + b_{j+1}) / 2   (254)
/// ```
///
/// plus 0 and 1, sorted ascending. The signed map runs from −0.99297 to 1; the unsigned one from
/// 0 to 1, so it spends all 256 codes on non-negative values. Every value is computed here, in
/// `Float` arithmetic rounded as torch rounds it on a processor with fused multiply-add
/// (AVX2, AVX-512): the maps equal bitsandbytes' bit for bit.
public struct DynamicQuantizationMap: Sendable, Hashable, CustomStringConvertible {
    /// Which values a map covers.
    public enum Sign: String, Sendable, Hashable, CaseIterable, Codable {
        /// Values in [−0.99297, 1], for state of either sign (momentum, Adam's first moment).
        case signed
        /// Values in [0, 1], for non-negative state (a mean square, Adagrad's sum of squares).
        case unsigned
    }

    /// Which values the map covers.
    public let sign: Sign

    /// The value of each code, ascending: `values[q]` for code `q` in 0…255.
    public var values: [Float] { tables.values }

    /// The map's values and the lookup tables derived from them, computed once per sign.
    let tables: QuantizationTables

    /// The map of bitsandbytes' `create_dynamic_map(signed=True)`.
    public static let signed = DynamicQuantizationMap(sign: .signed, tables: QuantizationTables(values: dynamicMapValues(.signed)))

    /// The map of bitsandbytes' `create_dynamic_map(signed=False)`.
    public static let unsigned = DynamicQuantizationMap(sign: .unsigned, tables: QuantizationTables(values: dynamicMapValues(.unsigned)))

    /// The map for `sign`: ``signed`` or ``unsigned``.
    public init(_ sign: Sign) {
        self = sign == .signed ? .signed : .unsigned
    }

    private init(sign: Sign, tables: QuantizationTables) {
        self.sign = sign
        self.tables = tables
    }

    /// Runs `body` with the map's block codec, for kernels that quantize block by block; the
    /// codec is valid inside `body` only.
    package func withBlockCodec<Result>(_ body: (BlockCodec) -> Result) -> Result {
        tables.withCodec(body)
    }

    /// The number of codes, 256.
    public static let codeCount = 256

    /// Whether two maps are the same map: the values follow from the sign.
    public static func == (lhs: DynamicQuantizationMap, rhs: DynamicQuantizationMap) -> Bool {
        lhs.sign == rhs.sign
    }

    /// Hashes the sign, which determines the values.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(sign)
    }

    /// "signed dynamic map" or "unsigned dynamic map".
    public var description: String { "\(sign.rawValue) dynamic map" }
}
