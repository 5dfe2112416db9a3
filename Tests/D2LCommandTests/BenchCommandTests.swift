import D2LTestSupport
import Foundation
import Testing

@Suite("d2l bench")
struct BenchCommandTests {
    @Test("--format json prints ns per parameter, GB/s and the threads used")
    func json() throws {
        let result = try CommandRunner.run([
            "bench", "--optimizer", "rmsprop", "--centered", "--params", "300000", "--tensors", "3", "--threads", "2",
            "--steps", "3", "--untimed-steps", "1", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let nanoseconds = try #require(object["ns_per_param"] as? Double)
        let gigabytes = try #require(object["gb_per_s"] as? Double)
        #expect(nanoseconds > 0 && gigabytes > 0)
        #expect(object["threads"] as? Int == 2)  // one arena pass over 300,000 elements ≥ 2 × 2¹⁷
        #expect(object["bytes_per_param"] as? Int == 28)
        #expect(object["tensors"] as? Int == 3)
    }

    @Test("every layout and scalar type runs", arguments: [
        ["--layout", "tensors"], ["--dtype", "double"], ["--dtype", "mixed"], ["--optimizer", "adagrad"],
    ])
    func variants(extra: [String]) throws {
        let result = try CommandRunner.run(["bench", "--params", "50000", "--tensors", "7", "--steps", "2"] + extra)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("ns per parameter"))
    }

    @Test("bad values are a usage error with a clear message", arguments: [
        (["--params", "0"], "--params"),
        (["--params", "10", "--tensors", "11"], "--tensors"),
        (["--threads", "0"], "--threads"),
        (["--steps", "0"], "--steps"),
        (["--layout", "tensors", "--dtype", "mixed"], "--dtype mixed"),
        (["--optimizer", "rmsprob"], "rmsprop"),
        (["--gamma", "2"], "gamma"),
        (["--params", "1000000000000000"], "memory"),
    ])
    func badValues(arguments: [String], mention: String) throws {
        let result = try CommandRunner.run(["bench"] + arguments)
        #expect(result.status == 64)
        #expect(result.standardError.contains(mention), "\(result.standardError)")
        #expect(result.standardOutput.isEmpty)
    }
}
