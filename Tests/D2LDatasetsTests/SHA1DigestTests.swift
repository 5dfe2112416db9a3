import D2LDatasets
import Foundation
import Testing

@Suite("SHA1Digest")
struct SHA1DigestTests {
    @Test("hashing gives the FIPS 180 test vectors in lowercase hexadecimal")
    func knownVectors() {
        #expect(SHA1Digest(hashing: Data()).hexadecimal == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(SHA1Digest(hashing: Data("abc".utf8)).hexadecimal == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(SHA1Digest(hashing: Data("abc".utf8)).description == "a9993e364706816aba3e25717850c26c9cd0d89d")
    }

    @Test("a 40-digit hexadecimal text is accepted in either case and stored in lowercase")
    func validText() throws {
        let lower = try SHA1Digest(hexadecimal: "a9993e364706816aba3e25717850c26c9cd0d89d")
        let upper = try SHA1Digest(hexadecimal: "A9993E364706816ABA3E25717850C26C9CD0D89D")
        #expect(upper == lower)
        #expect(upper.hexadecimal == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(lower == SHA1Digest(hashing: Data("abc".utf8)))
    }

    @Test(
        "a text that is not exactly 40 hexadecimal digits is an invalid digest",
        arguments: [
            "",
            "a9993e364706816aba3e25717850c26c9cd0d89",
            "a9993e364706816aba3e25717850c26c9cd0d89d0",
            "g9993e364706816aba3e25717850c26c9cd0d89d",
            " a9993e364706816aba3e25717850c26c9cd0d89d",
            "a9993e364706816aba3e25717850c26c9cd0d89d\n",
            "a9993e36-4706816aba3e25717850c26c9cd0d89",
        ]
    )
    func invalidText(text: String) {
        #expect(throws: DatasetError.invalidDigest(text: text)) {
            try SHA1Digest(hexadecimal: text)
        }
    }

    @Test("the airfoil file's published digest is a valid digest")
    func airfoilDigestIsValid() throws {
        #expect(try SHA1Digest(hexadecimal: Airfoil.sha1) == Airfoil.digest)
        #expect(Airfoil.digest.hexadecimal == "76e5be1548fd8222e5074cf0faae75edff8cf93f")
    }
}
