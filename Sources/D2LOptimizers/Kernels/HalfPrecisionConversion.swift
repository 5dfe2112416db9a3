import CD2LMath

/// Conversions between IEEE 754 half precision (as its 16-bit pattern) and `Float`, written
/// with integer and `Float` arithmetic that the compiler vectorizes on every target.
///
/// `Float16(x)` and `Float(h)` compile to the hardware instructions only where the target has
/// them (F16C on x86_64 is not in the baseline ISA, so they become one library call per
/// element there). These give the same results — conversion to half rounds to nearest, ties
/// to even; every half widens exactly — with a branch-free body: Fabian Giesen's well-known
/// `half_to_float` and `float_to_half_fast3_rtne`. NaNs become the quiet NaN `0x7E00` (with
/// the sign kept) when narrowed.
///
/// The bulk forms use the processor's F16C instructions where it has them, through
/// `CD2LMath` (C can compile one function for an instruction set the rest of the package
/// does not assume).
package enum HalfPrecisionConversion {
    /// The `Float` a half-precision bit pattern stands for (exact).
    @inlinable @inline(__always)
    package static func widen(_ half: UInt16) -> Float {
        let shiftedExponent: UInt32 = 0x7C00 << 13
        let magnitude = UInt32(half & 0x7FFF) << 13
        let exponent = magnitude & shiftedExponent
        var bits = magnitude &+ ((127 - 15) << 23)
        bits = exponent == shiftedExponent ? bits &+ ((128 - 16) << 23) : bits
        // Subnormal halves: renormalise through a Float subtraction (exact).
        let subnormal = (Float(bitPattern: bits &+ (1 << 23)) - Float(bitPattern: 113 << 23)).bitPattern
        bits = exponent == 0 ? subnormal : bits
        return Float(bitPattern: bits | (UInt32(half & 0x8000) << 16))
    }

    /// The half-precision bit pattern nearest to `value` (ties to even; overflow to ±∞).
    @inlinable @inline(__always)
    package static func narrow(_ value: Float) -> UInt16 {
        let infinityBits: UInt32 = 255 << 23
        let halfOverflow: UInt32 = (127 + 16) << 23
        let subnormalMagic: UInt32 = ((127 - 15) + (23 - 10) + 1) << 23
        let all = value.bitPattern
        let sign = all & 0x8000_0000
        let magnitude = all ^ sign
        // Too large for a half: infinity, or a quiet NaN.
        let special: UInt32 = magnitude > infinityBits ? 0x7E00 : 0x7C00
        // Subnormal halves and zero: let a Float addition do the rounding.
        let subnormal = (Float(bitPattern: magnitude) + Float(bitPattern: subnormalMagic)).bitPattern &- subnormalMagic
        // Normal halves: rebias the exponent and round the mantissa to nearest, ties to even.
        let oddMantissa = (magnitude >> 13) & 1
        let normal = (magnitude &+ 0xC800_0000 &+ 0xFFF &+ oddMantissa) >> 13
        let bits = magnitude >= halfOverflow ? special : magnitude < (113 << 23) ? subnormal : normal
        return UInt16(truncatingIfNeeded: bits | (sign >> 16))
    }

    /// Whether the bulk conversions run on the processor's own instructions (x86_64 F16C,
    /// checked once at run time): eight elements per instruction instead of about fifteen
    /// instructions per element.
    @usableFromInline package static let usesHardware = d2l_has_half_conversion() != 0

    /// Widens `count` halves at `source` into `destination`: with F16C where the processor
    /// has it (see ``usesHardware``), else element by element with ``widen(_:)``. The results
    /// are the same but for NaN payloads (F16C quiets a signalling NaN).
    @inlinable
    package static func widen(_ source: UnsafePointer<UInt16>, into destination: UnsafeMutablePointer<Float>, count: Int) {
        if usesHardware {
            d2l_widen_halves(source, destination, count)
        } else {
            for i in 0..<count { destination[i] = widen(source[i]) }
        }
    }

    /// Narrows `count` floats at `source` into halves at `destination`: with F16C where the
    /// processor has it, else element by element with ``narrow(_:)``. The results are the
    /// same but for NaN payloads (F16C keeps a NaN's leading payload bits, ``narrow(_:)``
    /// gives `0x7E00`).
    @inlinable
    package static func narrow(_ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<UInt16>, count: Int) {
        if usesHardware {
            d2l_narrow_floats(source, destination, count)
        } else {
            for i in 0..<count { destination[i] = narrow(source[i]) }
        }
    }
}
