/// Codes, absmax values or Float buffers that do not fit a ``QuantizedBuffer``.
public enum QuantizationError: Error, Equatable, CustomStringConvertible {
    /// A buffer of `actual` values where the quantized buffer holds `expected`.
    case countMismatch(expected: Int, actual: Int)
    /// `actual` absmax values for codes that form `expected` blocks of 256.
    case absmaxCountMismatch(expected: Int, actual: Int)
    /// An absmax that is negative, NaN or infinite.
    case invalidAbsmax(block: Int, value: Float)

    /// One line naming what does not fit and what would.
    public var description: String {
        switch self {
        case let .countMismatch(expected, actual):
            return "\(actual) values for a quantized buffer of \(expected); expected the same count"
        case let .absmaxCountMismatch(expected, actual):
            return "\(actual) absmax values for \(expected) blocks of \(QuantizedBuffer.blockSize) codes; expected one per block"
        case let .invalidAbsmax(block, value):
            return "the absmax of block \(block) is \(value); expected a finite number ≥ 0"
        }
    }
}
