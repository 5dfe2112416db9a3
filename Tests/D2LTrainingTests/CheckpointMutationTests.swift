import D2LDatasets
import D2LOptimizers
import D2LTestSupport
import D2LTraining
import Foundation
import Testing

/// SplitMix64, so that the mutations are the same on every run and platform.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

/// Property: whatever bytes a checkpoint file holds, reading it either gives a checkpoint that
/// a run can resume from (or refuse with a `CheckpointError`), or throws a `CheckpointError`
/// with a one-line message — never a trap, never a hang.
@Suite("Checkpoint loading under random mutations")
struct CheckpointMutationTests {
    /// A valid checkpoint: one epoch of 100-example minibatches, and its JSON payload.
    static let valid: Data = {
        let folder = try! CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("seed.ckpt")
        var optimizer = try! Optimizer<Float>(RMSProp(learningRate: 0.01, decay: 0.9, centering: .centered, momentum: 0.5))
        _ = try! TrainCh7.run(
            data: CheckpointTests.floatData, settings: Ch7Settings(batchSize: 100, epochs: 1), optimizer: &optimizer,
            checkpointing: Checkpointing(file: file)
        )
        return try! Data(contentsOf: file)
    }()

    static var payload: [UInt8] { Array(valid.drop { $0 != UInt8(ascii: "\n") }.dropFirst()) }

    /// The payload under a correct header, so that the digest check passes and the JSON and
    /// consistency checks are what is exercised.
    static func sealed(_ payload: [UInt8]) -> Data {
        Data("swift-d2l-checkpoint 1 \(payload.count) \(SHA1Digest(hashing: payload))\n".utf8) + payload
    }

    /// Bytes worth inserting into JSON.
    static let interesting = Array("{}[]\",:-0123456789eE.truefalsnul \\".utf8) + [0x00, 0xff, 0x0a]

    static func mutate(_ bytes: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
        var result = bytes
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            switch Int.random(in: 0..<6, using: &generator) {
            case 0 where !result.isEmpty:
                result[Int.random(in: result.indices, using: &generator)] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &generator)
            case 1 where !result.isEmpty:
                result[Int.random(in: result.indices, using: &generator)] = interesting.randomElement(using: &generator)!
            case 2:
                result.removeLast(Int.random(in: 0...min(result.count, 64), using: &generator))
            case 3 where !result.isEmpty:
                let start = Int.random(in: result.indices, using: &generator)
                result.removeSubrange(start..<min(result.count, start + Int.random(in: 1...16, using: &generator)))
            case 4 where result.count > 8:
                // Duplicate a slice elsewhere: repeats keys, array elements, digits.
                let start = Int.random(in: 0..<(result.count - 4), using: &generator)
                let slice = result[start..<min(result.count, start + Int.random(in: 1...24, using: &generator))]
                result.insert(contentsOf: slice, at: Int.random(in: 0...result.count, using: &generator))
            default:
                result.insert(interesting.randomElement(using: &generator)!, at: Int.random(in: 0...result.count, using: &generator))
            }
        }
        return result
    }

    /// Replaces a random number in the JSON text with an extreme one.
    static func extremeNumber(_ bytes: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
        let digits = Array("0123456789".utf8)
        let positions = bytes.indices.filter { digits.contains(bytes[$0]) && ($0 == 0 || !digits.contains(bytes[$0 - 1])) }
        guard let start = positions.randomElement(using: &generator) else { return bytes }
        var end = start
        while end < bytes.count, digits.contains(bytes[end]) { end += 1 }
        let replacements = ["0", "-1", "2147483648", "9223372036854775807", "18446744073709551616", "1e308", "-0", "99999999999"]
        var result = bytes
        result.replaceSubrange(start..<end, with: Array(replacements.randomElement(using: &generator)!.utf8))
        return result
    }

    /// Reads the bytes; when they decode, resumes a run from them. Returns whether they were accepted.
    static func check(_ data: Data, in folder: URL) -> Bool {
        let checkpoint: Checkpoint
        do {
            checkpoint = try Checkpoint.decode(data, file: "mutated.ckpt")
        } catch {
            #expect(error.description.allSatisfy { !$0.isNewline }, "\(error)")
            return false
        }
        #expect(checkpoint.epoch >= 0 && checkpoint.batch >= 0)
        // A checkpoint that reads back must also be safe to resume from.
        let file = folder.appendingPathComponent("mutated.ckpt")
        do {
            try data.write(to: file)
            var optimizer = try Optimizer<Float>(RMSProp(learningRate: 0.01, decay: 0.9, centering: .centered, momentum: 0.5))
            _ = try TrainCh7.run(
                data: CheckpointTests.floatData, settings: Ch7Settings(batchSize: 100, epochs: 1), optimizer: &optimizer,
                checkpointing: Checkpointing(file: file, resume: true)
            )
        } catch let error as CheckpointError {
            #expect(error.description.allSatisfy { !$0.isNewline }, "\(error)")
        } catch {
            Issue.record("resuming from an accepted checkpoint threw \(error)")
        }
        return true
    }

    @Test("thousands of mutated checkpoint files are refused with a CheckpointError or resume safely")
    func mutationsNeverTrap() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = SeededGenerator(state: 0xC4EC_4B01)
        #expect(Self.check(Self.valid, in: folder))
        let payload = Self.payload
        var accepted = 0
        var refused = 0
        for round in 0..<3000 {
            let data: Data
            switch round % 3 {
            case 0: data = Data(Self.mutate(Array(Self.valid), using: &generator))
            case 1: data = Self.sealed(Self.mutate(payload, using: &generator))
            default: data = Self.sealed(Self.extremeNumber(payload, using: &generator))
            }
            if Self.check(data, in: folder) { accepted += 1 } else { refused += 1 }
        }
        // Most mutations are refused; a few (whitespace, a digit of a loss's exponent's
        // neighbour, an equal number) are harmless and resume.
        #expect(refused > 2000)
        #expect(accepted > 10, "\(accepted) accepted: the resume path should be exercised too")
    }
}
