/// A 64-bit FNV-1a digest of text, the same in every process (unlike `Hasher`, which is seeded
/// afresh in each one), so that ranks can compare digests instead of whole texts.
struct StableHash {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// Mixes in `text`'s UTF-8 bytes followed by a 0 byte, so that ("ab", "c") and ("a", "bc")
    /// differ.
    mutating func combine(_ text: String) {
        for byte in text.utf8 { mix(byte) }
        mix(0)
    }

    private mutating func mix(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }
}
