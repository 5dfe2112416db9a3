import D2LTestSupport
import Foundation
import Testing

@Suite("The d2l command-line contract")
struct CommandLineContractTests {
    @Test("rmsprop prints the book's three lines in order")
    func rmspropLines() throws {
        let result = try CommandRunner.run(["rmsprop", "--no-plots"])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "epoch 20, x1 -0.010599, x2 0.000000")
        let pattern = /loss: 0\.2[45]\d{4}, \d+\.\d{6} sec per epoch/
        #expect(lines.count >= 3)
        #expect(lines.dropFirst().prefix(2).allSatisfy { $0.wholeMatch(of: pattern) != nil }, "\(lines)")
    }

    @Test("trace with Adagrad at lr 0.4 prints the text's comparison")
    func adagradTrace() throws {
        let result = try CommandRunner.run(["trace", "--optimizer", "adagrad", "--lr", "0.4"])
        #expect(result.standardOutput == "epoch 20, x1 -2.382563, x2 -0.158591\n")
    }

    @Test("trace --format csv has a header and one row per step from the start, round-tripping")
    func traceCSV() throws {
        let csv = try CommandRunner.run(["trace", "--format", "csv"]).standardOutput
        let rows = csv.split(separator: "\n").map(String.init)
        #expect(rows.first == "step,x1,x2")
        #expect(rows.count == 22)
        #expect(rows[1] == "0,-5.0,-2.0")
        let json = try CommandRunner.run(["trace", "--format", "json"]).standardOutput
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((object["trajectory"] as? [[Double]])?.count == 21)
        // Foundation's JSON parser is not correctly rounded, so the numbers are read as text.
        let last = rows[21].split(separator: ",").dropFirst().map(String.init)
        #expect(json.hasSuffix("\"final\": [\(last[0]), \(last[1])]}\n"))
        #expect(last.allSatisfy { Double($0).map { "\($0)" } == $0 })
    }

    @Test("train --format json reports the final loss, timing, 31 losses and w then b")
    func trainJSON() throws {
        let result = try CommandRunner.run(["train", "--format", "json", "--no-shuffle", "--init", "zeros"])
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let losses = try #require(object["losses"] as? [Double])
        #expect(losses.count == 31)
        #expect(object["final_loss"] as? Double == losses.last)
        #expect((object["sec_per_epoch"] as? Double).map { $0 > 0 } == true)
        #expect((object["parameters"] as? [Double])?.count == 6)
        // MXNet 1.9.1, train_ch7 with the book's rmsprop, no shuffle, zero init.
        #expect(abs(losses[30] - 0.2541419267654419) / 0.2541419267654419 < 1e-5)
    }

    @Test("train --concise follows Gluon's trainer")
    func trainConcise() throws {
        let result = try CommandRunner.run(["train", "--concise", "--format", "json", "--no-shuffle", "--init", "zeros"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let final = try #require(object["final_loss"] as? Double)
        #expect(abs(final - 0.2541375756263733) / 0.2541375756263733 < 1e-5)
    }

    @Test("errors a user can cause give one clear line and the documented status", arguments: [
        (["train", "--optimizer", "rmsprob"], Int32(64), "rmsprop"),
        (["train", "--gamma", "1.5"], 64, "gamma"),
        (["train", "--lr=-1"], 64, "learning rate"),
        (["train", "--momentum", "1"], 64, "momentum"),
        (["trace", "--nesterov"], 64, "Nesterov"),
        (["train", "--optimizer", "sgd", "--gamma", "0.9"], 64, "gamma"),
        (["train", "--batch-size", "0"], 64, "batch-size"),
        (["train", "--epochs", "0"], 64, "epochs"),
        (["trace", "--start=1"], 64, "x1,x2"),
        (["train", "--data", "/nonexistent/airfoil.dat"], 65, "/nonexistent/airfoil.dat"),
        (["train", "--lr-schedule", "sometimes"], 64, "step:EVERY:FACTOR"),
    ] as [([String], Int32, String)])
    func userErrors(arguments: [String], status: Int32, mention: String) throws {
        let result = try CommandRunner.run(arguments)
        #expect(result.status == status, "\(arguments): \(result.standardError)")
        #expect(result.standardError.contains(mention), "\(arguments): \(result.standardError)")
        #expect(!result.standardError.contains("Fatal error"))
        #expect(result.standardOutput.isEmpty)
    }

    @Test("a value refused when the algorithm is built is reported as argument parsing reports one: the command's usage hint, exit 64", arguments: [
        (["train", "--gamma", "2"], ["train", "--epochs", "0"]),
        (["trace", "--nesterov"], ["trace", "--steps=-1"]),
        (["trace", "--plot", "paths.svg", "--compare", "rmsprob"], ["trace", "--steps=-1"]),
        (["bench", "--optimizer", "rmsprob"], ["bench", "--params", "0"]),
        (["optimizers", "--explain", "--gamma", "2"], ["optimizers", "--centered"]),
        (["sweep", "--lr", "0.1,-0.2"], ["sweep", "--epochs", "0"]),
        (["sweep", "--lr", "0.1,,0.2"], ["sweep", "--epochs", "0"]),
    ] as [([String], [String])])
    func usageHintAfterBuilding(built: [String], parsed: [String]) throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let whenBuilt = try CommandRunner.run(built, in: folder)
        let whenParsed = try CommandRunner.run(parsed, in: folder)
        #expect(whenBuilt.status == 64 && whenParsed.status == 64, "\(built): \(whenBuilt.standardError)")
        #expect(whenBuilt.standardError.hasPrefix("Error: "))
        let hint = { (result: CommandResult) in result.standardError.split(separator: "\n").dropFirst() }
        #expect(hint(whenBuilt) == hint(whenParsed), "\(built)")
        #expect(hint(whenBuilt).first == "Usage: d2l \(built[0]) <options>", "\(built)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "nothing written")
    }

    @Test("training that diverges stops with status 3, naming the step, and still prints its JSON")
    func divergence() throws {
        let result = try CommandRunner.run(["train", "--gamma", "1", "--format", "json", "--no-shuffle", "--init", "zeros"])
        #expect(result.status == 3)
        #expect(result.standardError.contains("step"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(object["stopped_at_step"] as? Int != nil)
    }

    @Test("every command has help with an example, and --version prints the version")
    func help() throws {
        for command in ["rmsprop", "trace", "train", "optimizers"] {
            let result = try CommandRunner.run([command, "--help"])
            #expect(result.status == 0)
            #expect(result.standardOutput.contains("Example: d2l \(command)"), "\(command)")
        }
        #expect(try CommandRunner.run(["--version"]).standardOutput.first?.isNumber == true)
    }
}
