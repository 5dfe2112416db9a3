import D2LTestSupport
import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("d2l sweep")
struct SweepCommandTests {
    static let exerciseGrid = ["--lr", "0.001,0.01,0.03,0.1", "--gamma", "0.5,0.9,0.99,1"]

    @Test("the exercise's grid prints a table with γ = 1 marked diverged, never nan, and writes both figures")
    func table() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandRunner.run(["sweep", "--optimizer", "rmsprop"] + Self.exerciseGrid, in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.isEmpty, "no progress bar without a terminal: \(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines[0] == "rmsprop on the airfoil regression from scratch, 2 epochs, minibatches of 10, seed 0, preset book")
        #expect(lines[2].split(separator: " ", omittingEmptySubsequences: true) == ["gamma", "\\", "lr", "0.001", "0.01", "0.03", "0.1"])
        let gammaOne = try #require(lines.first { $0.hasPrefix("1 ") })
        #expect(gammaOne.split(separator: " ", omittingEmptySubsequences: true) == ["1", "diverged", "diverged", "diverged", "diverged"])
        let row = try #require(lines.first { $0.hasPrefix("0.9 ") }).split(separator: " ", omittingEmptySubsequences: true)
        #expect(row[2] == "0.243580")     // lr 0.01, γ 0.9: the section's from-scratch run, seed 0
        #expect(!result.standardOutput.lowercased().contains("nan"))
        #expect(lines.contains { $0.hasPrefix("diverged: ") })
        #expect(lines.last == "figures: sweep-output/heatmap.svg, sweep-output/curves.svg")
        for name in ["heatmap.svg", "curves.svg"] {
            let svg = try String(contentsOf: folder.appendingPathComponent("sweep-output/\(name)"), encoding: .utf8)
            #expect(XMLParser(data: Data(svg.utf8)).parse(), "\(name)")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("sweep-output").path)
        #expect(leftovers.sorted() == ["curves.svg", "heatmap.svg"])
    }

    @Test("csv has one row per run with a status word; json has every run and its curve")
    func formats() throws {
        let csv = try CommandRunner.run(["sweep", "--no-plots", "--format", "csv"] + Self.exerciseGrid)
        let rows = csv.standardOutput.split(separator: "\n").map(String.init)
        #expect(rows.first == "lr,gamma,final_loss,status")
        #expect(rows.count == 17)
        #expect(rows.filter { $0.hasSuffix(",diverged") }.count == 4)
        #expect(rows.contains { $0.hasPrefix("0.01,0.9,0.2435") && $0.hasSuffix(",finished") })
        let json = try CommandRunner.run(["sweep", "--no-plots", "--format", "json", "--lr", "0.01,0.1", "--gamma", "0.9,1"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(object["task"] as? String == "train")
        let runs = try #require(object["runs"] as? [[String: Any]])
        #expect(runs.count == 4)
        #expect(runs.map { $0["status"] as? String } == ["finished", "finished", "diverged", "diverged"])
        #expect(runs.allSatisfy { ($0["curve"] as? [Any])?.isEmpty == false })
        #expect(runs[2]["stopped_at_step"] as? Int != nil)
    }

    @Test("the trace task gives the distance to the optimum, matching d2l trace, and applies the other flags to every run")
    func traceTask() throws {
        let sweep = try CommandRunner.run([
            "sweep", "--task", "trace", "--no-plots", "--format", "csv", "--lr", "0.4", "--gamma", "0.9,0.5", "--eps-placement", "outside",
        ])
        #expect(sweep.status == 0, "\(sweep.standardError)")
        let rows = sweep.standardOutput.split(separator: "\n").map(String.init)
        #expect(rows[0] == "lr,gamma,distance,x1,x2,status")
        for (row, gamma) in zip(rows.dropFirst(), ["0.9", "0.5"]) {
            let trace = try CommandRunner.run(["trace", "--format", "csv", "--gamma", gamma, "--eps-placement", "outside"])
            let last = try #require(trace.standardOutput.split(separator: "\n").last).split(separator: ",").dropFirst().map(String.init)
            let fields = row.split(separator: ",").map(String.init)
            #expect(Array(fields[3...4]) == last)
            let distance = (Double(last[0])! * Double(last[0])! + Double(last[1])! * Double(last[1])!).squareRoot()
            #expect(Double(fields[2]) == distance)
        }
    }

    @Test("bad lists and options stop before any run with status 64 and a clear message", arguments: [
        (["--lr", "0.01,,0.1"], "--lr"),
        (["--lr", "0.01,fast"], "'fast'"),
        (["--gamma", "0.9,0.9"], "listed twice"),
        (["--gamma", ""], "--gamma"),
        (["--gamma", "0.5,1.5"], "gamma"),
        (["--lr=-0.1,0.1"], "learning rate"),
        (["--optimizer", "sgd", "--gamma", "0.9"], "gamma"),
        (["--optimizer", "rmsprob"], "rmsprop"),
        (["--bogus", "3"], "--bogus"),
        (["--momentum", "2"], "momentum"),
        (["--momentum", "-0.5"], "momentum = -0.5"),
        (["--lr", "-0.1,0.1"], "learning rate = -0.1"),
        (["--preset", "nope"], "nope"),
        (["--preset", "mxnet", "--momentum", "0.9"], "only when centered"),
        (["--task", "walk"], "walk"),
        (["--epochs", "0"], "epochs"),
    ] as [([String], String)])
    func usageErrors(arguments: [String], mention: String) throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandRunner.run(["sweep"] + arguments, in: folder)
        #expect(result.status == 64, "\(arguments): \(result.standardError)")
        #expect(result.standardError.contains(mention), "\(arguments): \(result.standardError)")
        #expect(result.standardOutput.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "nothing written")
    }

    @Test("help explains the grid and has an example")
    func help() throws {
        let help = try CommandRunner.run(["sweep", "--help"])
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("Example: d2l sweep"))
        #expect(help.standardOutput.contains("--gamma"))
    }

    /// Every optimizer flag of the command line (DESIGN.md), the decay's aliases included.
    static let optimizerFlags = [
        "--optimizer", "--lr", "--gamma", "--alpha", "--rho", "--gamma1", "--decay", "--eps", "--eps-placement", "--centered",
        "--momentum", "--gamma2", "--nesterov", "--beta1", "--beta2", "--weight-decay", "--decoupled-weight-decay",
        "--clip-gradient", "--clip-norm", "--clip-weights", "--rescale-grad", "--maximize", "--initial-accumulator",
        "--bias-correction", "--lr-schedule", "--warmup", "--preset",
    ]

    @Test("sweep, train, trace, bench and optimizers list every optimizer flag in their help, with no catch-all", arguments: [
        "sweep", "train", "trace", "bench", "optimizers",
    ])
    func helpListsEveryOptimizerFlag(command: String) throws {
        let help = try CommandRunner.run([command, "--help"])
        #expect(help.status == 0)
        let words = Set(help.standardOutput.split { $0 == " " || $0 == "\n" || $0 == "," }.map(String.init))
        for flag in Self.optimizerFlags {
            #expect(words.contains(flag), "\(command) --help lacks \(flag)")
        }
        #expect(!help.standardOutput.contains("optimizer-flags"))
    }

    @Test("an optimizer flag changes every training run of a sweep exactly as it changes d2l train", arguments: [
        ["--centered", "--momentum", "0.5"],
        ["--preset", "pytorch"],
        ["--momentum=0.9", "--nesterov", "--weight-decay", "0.01", "--decoupled-weight-decay"],
        ["--eps", "1e-3", "--clip-norm", "1", "--lr-schedule", "step:50:0.5", "--warmup", "10"],
    ])
    func trainingFlags(flags: [String]) throws {
        func sweepRun(_ extra: [String]) throws -> [String: Any] {
            let result = try CommandRunner.run(
                ["sweep", "--no-plots", "--format", "json", "--epochs", "1", "--lr", "0.01", "--gamma", "0.9"] + extra)
            #expect(result.status == 0, "\(extra): \(result.standardError)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
            return try #require((object["runs"] as? [[String: Any]])?.first)
        }
        let train = try CommandRunner.run(["train", "--format", "json", "--epochs", "1", "--lr", "0.01", "--gamma", "0.9"] + flags)
        #expect(train.status == 0, "\(flags): \(train.standardError)")
        let trained = try #require(try JSONSerialization.jsonObject(with: Data(train.standardOutput.utf8)) as? [String: Any])
        let swept = try sweepRun(flags)
        #expect(swept["final"] as? Double == trained["final_loss"] as? Double, "\(flags)")
        #expect(swept["curve"] as? [Double] == trained["losses"] as? [Double], "\(flags)")
        #expect(swept["final"] as? Double != (try sweepRun([]))["final"] as? Double, "\(flags) changes the run")
    }

    @Test("an optimizer flag changes every 2D run of a sweep exactly as it changes d2l trace")
    func traceFlags() throws {
        let flags = ["--centered", "--momentum", "0.5", "--preset", "mxnet"]
        let sweep = try CommandRunner.run(["sweep", "--task", "trace", "--no-plots", "--format", "csv", "--lr", "0.4,0.1"] + flags)
        #expect(sweep.status == 0, "\(sweep.standardError)")
        let rows = sweep.standardOutput.split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == 2)
        for row in rows {
            let trace = try CommandRunner.run(["trace", "--format", "csv", "--lr", row[0]] + flags)
            let last = try #require(trace.standardOutput.split(separator: "\n").last).split(separator: ",").dropFirst().map(String.init)
            #expect(Array(row[3...4]) == last, "lr \(row[0])")
        }
    }
}

@Suite("Progress bars")
struct ProgressBarTests {
    static let script = "/usr/bin/script"

    /// Runs `d2l` with a terminal as its standard error, through util-linux's `script`.
    static func runOnTerminal(_ arguments: [String], environment: [String: String]) throws -> String {
        let command = ([try CommandRunner.executable.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = ["-q", "-e", "-c", command, "/dev/null"]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test("on a terminal a sweep draws a bar and erases it; with CI set it stays quiet",
          .enabled(if: FileManager.default.isExecutableFile(atPath: script)))
    func terminal() throws {
        let arguments = ["sweep", "--task", "trace", "--no-plots", "--lr", "0.1,0.4", "--gamma", "0.9"]
        let drawn = try Self.runOnTerminal(arguments, environment: ["CI": "", "D2L_PROGRESS_DELAY": "0"])
        #expect(drawn.contains("sweep ["), "\(drawn)")
        #expect(drawn.contains("\r\u{1B}[2K"))
        let quiet = try Self.runOnTerminal(arguments, environment: ["CI": "true", "D2L_PROGRESS_DELAY": "0"])
        #expect(!quiet.contains("sweep ["), "\(quiet)")
        #expect(quiet.contains("distance to the optimum"))
    }

    @Test("training shows its steps on a terminal only",
          .enabled(if: FileManager.default.isExecutableFile(atPath: script)))
    func training() throws {
        let drawn = try Self.runOnTerminal(["train", "--epochs", "3"], environment: ["CI": "", "D2L_PROGRESS_DELAY": "0"])
        #expect(drawn.contains("train ["), "\(drawn)")
        #expect(drawn.contains("/450"))
        let piped = try CommandRunner.run(["train", "--epochs", "3"], environment: ["CI": "", "D2L_PROGRESS_DELAY": "0"])
        #expect(piped.standardError.isEmpty)
    }
}
