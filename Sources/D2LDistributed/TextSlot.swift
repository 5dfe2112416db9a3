/// A ``NamedValue`` in a fixed number of bytes, so that every rank contributes a slot of the
/// same size to a gather: a presence byte, the name's and the value's full UTF-8 lengths (two
/// bytes each, little-endian, at most 65535), then their UTF-8 bytes, each cut to ``textLimit``.
enum TextSlot {
    /// The longest name or value kept, in UTF-8 bytes.
    static let textLimit = 500

    /// The size of a slot.
    static let byteCount = 5 + 2 * textLimit

    /// `item` in a slot of ``byteCount`` bytes.
    static func encode(_ item: NamedValue) -> [UInt8] {
        let name = Array(item.name.utf8)
        let value = Array(item.value.utf8)
        var slot: [UInt8] = [1] + littleEndian(name.count) + littleEndian(value.count)
        slot += name.prefix(textLimit) + value.prefix(textLimit)
        slot += repeatElement(0, count: byteCount - slot.count)
        return slot
    }

    /// The item in `slot`, `nil` for an empty slot; cut texts end in "…".
    static func decode(_ slot: ArraySlice<UInt8>) -> NamedValue? {
        let bytes = Array(slot)
        guard bytes.count == byteCount, bytes[0] == 1 else { return nil }
        let nameCount = Int(bytes[1]) | Int(bytes[2]) << 8
        let valueCount = Int(bytes[3]) | Int(bytes[4]) << 8
        let nameEnd = 5 + min(nameCount, textLimit)
        let valueEnd = nameEnd + min(valueCount, textLimit)
        return NamedValue(
            text(bytes[5..<nameEnd], cut: nameCount > textLimit),
            text(bytes[nameEnd..<valueEnd], cut: valueCount > textLimit)
        )
    }

    private static func littleEndian(_ count: Int) -> [UInt8] {
        let stored = min(count, Int(UInt16.max))
        return [UInt8(stored & 0xff), UInt8(stored >> 8)]
    }

    private static func text(_ bytes: ArraySlice<UInt8>, cut: Bool) -> String {
        let decoded = String(decoding: bytes, as: UTF8.self)
        return cut ? decoded + "…" : decoded
    }
}
