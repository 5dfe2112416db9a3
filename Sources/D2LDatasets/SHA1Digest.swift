import Crypto
import Foundation

/// A SHA-1 digest, held as 40 lowercase hexadecimal digits.
///
/// SHA-1 here identifies a known file (it is the digest d2l publishes for its data sets), not a
/// defence against a deliberate forgery. Digests are computed with swift-crypto's
/// `Insecure.SHA1`.
///
/// ```swift
/// let expected = try SHA1Digest(hexadecimal: "76e5be1548fd8222e5074cf0faae75edff8cf93f")
/// let actual = SHA1Digest(hashing: try Data(contentsOf: url))
/// if actual != expected { ... }
/// ```
public struct SHA1Digest: Sendable, Hashable, CustomStringConvertible {
    /// The digest as 40 lowercase hexadecimal digits.
    public let hexadecimal: String

    /// Creates a digest from its hexadecimal spelling.
    ///
    /// - Parameter text: Exactly 40 hexadecimal digits, in either case; they are stored in
    ///   lowercase.
    /// - Throws: ``DatasetError/invalidDigest(text:)`` for anything else (other lengths, other
    ///   characters, surrounding spaces).
    public init(hexadecimal text: String) throws(DatasetError) {
        let isHexDigit = { (byte: UInt8) in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
        }
        guard text.utf8.count == 40, text.utf8.allSatisfy(isHexDigit) else {
            throw .invalidDigest(text: text)
        }
        hexadecimal = text.lowercased()
    }

    /// Computes the SHA-1 digest of some bytes.
    ///
    /// - Parameter bytes: The bytes to hash, such as a file's contents.
    public init(hashing bytes: some DataProtocol) {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(40)
        for byte in Insecure.SHA1.hash(data: bytes) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        hexadecimal = String(decoding: text, as: UTF8.self)
    }

    /// The 40 lowercase hexadecimal digits.
    public var description: String { hexadecimal }
}
