import D2LTestSupport
import Foundation
import Testing

@Suite("--state-precision on train, trace, sweep and bench")
struct StatePrecisionCommandTests {
    static func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try CommandRunner.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.standardError)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    }

    @Test("train with 8-bit state differs from Float state yet tracks it; stochastic rounding is seeded")
    func train() throws {
        let base = ["train", "--format", "json", "--quantize-min-size", "1"]
        let float = try Self.json(["train", "--format", "json"])
        let eightBit = try Self.json(base + ["--state-precision", "8bit"])
        let stochastic = try Self.json(base + ["--state-precision", "8bit", "--stochastic-rounding"])
        let again = try Self.json(base + ["--state-precision", "8bit", "--stochastic-rounding"])
        let floatLoss = try #require(float["final_loss"] as? Double)
        let eightBitLoss = try #require(eightBit["final_loss"] as? Double)
        #expect(eightBitLoss != floatLoss)
        #expect(abs(eightBitLoss - floatLoss) < 0.01 * floatLoss)
        #expect(stochastic["losses"] as? [Double] == again["losses"] as? [Double])
        #expect(stochastic["losses"] as? [Double] != eightBit["losses"] as? [Double])
        let concise = try Self.json(base + ["--state-precision", "8bit", "--concise"])
        #expect(try #require(concise["final_loss"] as? Double) < 0.26)
    }

    @Test("trace and sweep take the flags")
    func traceAndSweep() throws {
        let trace = try CommandRunner.run(["trace", "--state-precision", "8bit", "--quantize-min-size", "2"])
        #expect(trace.status == 0, "\(trace.standardError)")
        #expect(trace.standardOutput.hasPrefix("epoch 20, x1 -0.0"))
        #expect(trace.standardOutput != "epoch 20, x1 -0.010599, x2 0.000000\n")
        let sweep = try CommandRunner.run([
            "sweep", "--lr", "0.01", "--gamma", "0.9", "--no-plots", "--format", "csv", "--state-precision", "8bit", "--quantize-min-size", "1",
        ])
        #expect(sweep.status == 0, "\(sweep.standardError)")
        #expect(sweep.standardOutput.contains("0.01"))
    }

    @Test("bench reports the state's bytes and the bytes moved")
    func bench() throws {
        let object = try Self.json([
            "bench", "--params", "300000", "--steps", "2", "--untimed-steps", "0", "--format", "json", "--state-precision", "8bit",
        ])
        let stateBytes = try #require(object["state_bytes_per_param"] as? Double)
        let moved = try #require(object["bytes_per_param"] as? Double)
        #expect(stateBytes > 1 && stateBytes <= 1.02)
        #expect(moved > 14 && moved <= 14.1)
        #expect(object["state_precision"] as? String == "8bit")
    }

    @Test("flags that need 8-bit state, and a threshold below 1, are usage errors",
          arguments: [["train", "--quantize-min-size", "10"], ["trace", "--stochastic-rounding"],
                      ["train", "--state-precision", "8bit", "--quantize-min-size", "0"], ["bench", "--state-precision", "4bit"],
                      ["optimizers", "--state-precision", "8bit"]])
    func usage(arguments: [String]) throws {
        let result = try CommandRunner.run(arguments)
        #expect(result.status == 64, "\(arguments): \(result.standardError)")
        #expect(!result.standardError.contains("Fatal error"))
    }
}
