/// The xoshiro256** pseudo-random generator (Blackman and Vigna), seeded through SplitMix64.
///
/// The project's own generator, so that a seed gives the same numbers on every platform and
/// Swift version. Its state is `Codable`, which lets a checkpoint resume the exact stream.
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 0)
/// let w = Tensor<Float>.randomNormal(shape: [5, 1], standardDeviation: 0.01, using: &generator)
/// ```
public struct Xoshiro256StarStar: RandomNumberGenerator, Codable, Equatable, Sendable {
    /// The four 64-bit words of state.
    public private(set) var state: [UInt64]

    /// A generator whose state is expanded from `seed` with SplitMix64.
    public init(seed: UInt64) {
        var splitMix = seed
        func next() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = [next(), next(), next(), next()]
    }

    private enum CodingKeys: String, CodingKey {
        case state
    }

    /// Decodes a saved generator, checking that its state is four words, not all zero.
    ///
    /// - Throws: `DecodingError.dataCorrupted` otherwise: a generator with a short state would
    ///   trap, and one with an all-zero state returns only zeros.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let state = try container.decode([UInt64].self, forKey: .state)
        guard state.count == 4, state.contains(where: { $0 != 0 }) else {
            throw DecodingError.dataCorruptedError(
                forKey: .state, in: container,
                debugDescription: "xoshiro256** state must be four 64-bit words, not all zero; got \(state)"
            )
        }
        self.state = state
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(state[1] &* 5, by: 7) &* 9
        let t = state[1] << 17
        state[2] ^= state[0]
        state[3] ^= state[1]
        state[1] ^= state[2]
        state[0] ^= state[3]
        state[2] ^= t
        state[3] = rotateLeft(state[3], by: 45)
        return result
    }

    private func rotateLeft(_ x: UInt64, by k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
