@testable import D2LDistributed
import Testing

@Suite("Agreement encoding")
struct AgreementEncodingTests {
    @Test("the digest is FNV-1a over each text and a 0 byte, the same in every process")
    func stableHash() {
        var empty = StableHash()
        empty.combine("")
        #expect(empty.value == 0xaf63_bd4c_8601_b7df)
        var split = StableHash()
        split.combine("ab")
        split.combine("c")
        var other = StableHash()
        other.combine("a")
        other.combine("bc")
        #expect(split.value != other.value)
    }

    @Test("a named value goes through a text slot unchanged")
    func roundTrip() {
        let item = NamedValue("--hidden", "1024,1024 ✓")
        let slot = TextSlot.encode(item)
        #expect(slot.count == TextSlot.byteCount)
        #expect(TextSlot.decode(slot[...]) == item)
        #expect(TextSlot.decode([UInt8](repeating: 0, count: TextSlot.byteCount)[...]) == nil)
    }

    @Test("a value longer than the slot keeps its first 500 bytes and ends in an ellipsis")
    func longValue() {
        let long = String(repeating: "x", count: 700)
        let decoded = TextSlot.decode(TextSlot.encode(NamedValue("data", long))[...])
        #expect(decoded == NamedValue("data", String(repeating: "x", count: 500) + "…"))
        let exact = String(repeating: "y", count: 500)
        #expect(TextSlot.decode(TextSlot.encode(NamedValue("data", exact))[...])?.value == exact)
    }
}
