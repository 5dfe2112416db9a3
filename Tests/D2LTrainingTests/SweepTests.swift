import D2LOptimizers
import D2LTestSupport
import D2LTraining
import Foundation
import Testing

@Suite("Sweeps over learning rate × γ")
struct SweepTests {
    @Test("lists of numbers read in order, with spaces", arguments: [
        ("0.001,0.01,0.03,0.1", [0.001, 0.01, 0.03, 0.1]),
        (" 0.5, 0.9 ,1", [0.5, 0.9, 1]),
        ("1e-3", [0.001]),
        ("0.3,0.1,0.2", [0.3, 0.1, 0.2]),
    ])
    func parsesLists(text: String, expected: [Double]) throws {
        #expect(try SweepGrid.parseList(text, flag: "--lr") == expected)
    }

    @Test("a bad list is an error naming the flag, the entry and what is valid", arguments: [
        ("", "empty"), ("0.1,,0.2", "empty"), ("0.1,", "empty"), ("0.1,abc", "'abc'"), ("nan", "'nan'"),
        ("0.1,inf", "'inf'"), ("0.1,0.1", "listed twice"), ("0.1;0.2", "'0.1;0.2'"),
    ])
    func rejectsBadLists(text: String, mention: String) {
        #expect {
            try SweepGrid.parseList(text, flag: "--gamma")
        } throws: { error in
            let message = (error as? SweepError)?.description ?? ""
            return message.contains("--gamma") && message.contains(mention) && message.contains("comma-separated")
        }
    }

    @Test("labels are the shortest decimal without a trailing .0")
    func labels() {
        #expect(SweepGrid.label(1) == "1")
        #expect(SweepGrid.label(0.99) == "0.99")
        #expect(SweepGrid.label(0.001) == "0.001")
        #expect(SweepGrid.label(-5) == "-5")
    }

    @Test("a curve is judged finished, diverged or stalled", arguments: [
        ([0.49, 0.30, 0.25], false, SweepOutcome.finished),
        ([0.49, 120, 6e5], false, .diverged),           // above 1000 × 0.49
        ([0.49, 400, 0.3], false, .finished),           // below 1000 × the start all along
        ([0.49, .infinity], false, .diverged),
        ([0.49, .nan, 0.3], false, .diverged),
        ([0.49, 0.3], true, .diverged),                 // training stopped on a non-finite loss
        ([0.49, 0.489, 0.4880], false, .stalled),       // within 1 %
        ([0.49, 0.45, 0.4851], false, .finished),       // 1.0 % away is still progress
        ([10.5, 10.5], false, .stalled),
        ([], false, .stalled),
    ] as [([Double], Bool, SweepOutcome)])
    func judgesCurves(curve: [Double], stopped: Bool, expected: SweepOutcome) {
        #expect(SweepOutcome(curve: curve, stoppedOnNonFiniteValue: stopped) == expected)
    }

    @Test("the trace sweep matches Trace2D run by run, and γ = 1 diverges")
    func traceSweep() throws {
        let grid = SweepGrid(learningRates: [0.1, 0.4], decays: [0.9, 1])
        let result = try Sweep(task: .trace, grid: grid).run()
        #expect(result.runs.count == 2 && result.runs.allSatisfy { $0.count == 2 })
        let section = try #require(result.run(learningRate: 0.4, decay: 0.9))
        let expected = try Trace2D.run(RMSProp(learningRate: 0.4, decay: 0.9, epsilon: 1e-6))
        #expect(section.finalPoint == expected.final)
        #expect(section.finalValue == (expected.final[0] * expected.final[0] + expected.final[1] * expected.final[1]).squareRoot())
        #expect(section.curve.count == 21 && section.curve[0] == 10.5)
        #expect(section.outcome == .finished)
        #expect(result.runs[1].allSatisfy { $0.outcome == .diverged })
        #expect(result.best?.learningRate == 0.4)
    }

    @Test("a learning rate of 0 stalls")
    func stalls() throws {
        let result = try Sweep(task: .trace, grid: SweepGrid(learningRates: [0], decays: [])).run()
        #expect(result.allRuns.map(\.outcome) == [.stalled])
        #expect(result.allRuns[0].decay == nil)
    }

    @Test("the training sweep runs the section's training with the library optimizer")
    func trainSweep() throws {
        let settings = Ch7Settings(seed: 3)
        let grid = SweepGrid(learningRates: [0.01], decays: [0.9, 1])
        var progress: [Int] = []
        let result = try Sweep(task: .train, grid: grid, settings: settings).run { done, total in
            #expect(total == 2)
            progress.append(done)
        }
        #expect(progress == [1, 2])
        var optimizer = try Optimizer<Float>(RMSProp(learningRate: 0.01, decay: 0.9))
        let direct = try TrainCh7.run(data: try SectionData<Float>(), settings: settings) { try optimizer.step(&$0, gradients: $1) }
        let run = try #require(result.run(learningRate: 0.01, decay: 0.9))
        #expect(run.curve == direct.losses)
        #expect(run.finalValue == direct.finalLoss)
        #expect(run.curvePositions.count == 31 && run.curvePositions.first == 0 && run.curvePositions.last == 2)
        let frozen = try #require(result.run(learningRate: 0.01, decay: 1))
        #expect(frozen.outcome == .diverged)
        var frozenOptimizer = try Optimizer<Float>(RMSProp(learningRate: 0.01, decay: 1))
        let directFrozen = try TrainCh7.run(data: try SectionData<Float>(), settings: settings) { try frozenOptimizer.step(&$0, gradients: $1) }
        let stop = try #require(directFrozen.stoppedAtStep, "γ = 1 at lr 0.01 overflows within two epochs")
        #expect(frozen.stoppedAtStep == stop)
        #expect(frozen.curvePositions.count == frozen.curve.count)
    }

    @Test("shared options apply to every run; the grid's lr and γ replace theirs")
    func sharedOptions() throws {
        let shared = try OptimizerSettings(["eps": .number(1e-3), "alpha": .number(0.7), "learning_rate": .number(9)], optimizer: "rmsprop")
        let sweep = Sweep(task: .trace, grid: SweepGrid(learningRates: [0.1, 0.2], decays: [0.5]), optimizerSettings: shared)
        let algorithms = try sweep.algorithms().joined().map { try #require($0 as? RMSProp) }
        #expect(algorithms.map(\.epsilon) == [1e-3, 1e-3])
        #expect(algorithms.map(\.decay) == [0.5, 0.5])
        #expect(algorithms.map(\.options.learningRate.base) == [0.1, 0.2])
        let sectionRate = try Sweep(task: .train, grid: SweepGrid(learningRates: [], decays: [0.9])).algorithms()
        #expect(sectionRate[0][0].options.learningRate.base == 0.01)
    }

    @Test("every run's hyperparameters are checked before anything runs", arguments: [
        ("rmsprop", [0.01], [0.9, 1.5], "gamma"),
        ("rmsprop", [-0.01], [0.9], "learning rate"),
        ("sgd", [0.01], [0.9], "gamma"),
        ("rmsprob", [0.01], [], "rmsprop"),
    ])
    func validatesUpFront(optimizer: String, rates: [Double], decays: [Double], mention: String) {
        let sweep = Sweep(task: .train, grid: SweepGrid(learningRates: rates, decays: decays), optimizer: optimizer)
        #expect {
            try sweep.algorithms()
        } throws: { error in
            "\(error)".contains(mention)
        }
    }

    @Test("figures: a heatmap with rows γ and columns lr, curves on a log axis, both well-formed and repeatable")
    func figures() throws {
        let result = try Sweep(task: .trace, grid: SweepGrid(learningRates: [0.01, 0.4], decays: [0.9, 0.99, 1])).run()
        let figures = SweepFigures(result: result)
        let heatmap = figures.heatmap()
        #expect(heatmap.rowLabels == ["0.9", "0.99", "1"])
        #expect(heatmap.columnLabels == ["0.01", "0.4"])
        #expect(heatmap.cells[2] == [.diverged, .diverged])
        #expect(heatmap.colorScale == .logarithmic)   // distances from 5 down to 1e-7
        let curves = figures.curves()
        #expect(curves.yAxis.scale == .logarithmic)
        #expect(curves.series.count == 6)
        #expect(curves.series.filter { $0.name.hasSuffix("(diverged)") }.count == 2)
        for svg in [heatmap.svg(), curves.svg()] {
            #expect(WellFormedXML.check(svg))
            #expect(!svg.contains("nan"))
        }
        #expect(SweepFigures(result: try Sweep(task: .trace, grid: result.grid).run()).curves().svg() == curves.svg())
    }

    @Test("write puts heatmap.svg and curves.svg into a new folder")
    func writesFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-\(UUID().uuidString)/nested")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let result = try Sweep(task: .trace, grid: SweepGrid(learningRates: [0.4], decays: [0.9])).run()
        let urls = try SweepFigures(result: result).write(to: folder)
        #expect(urls.map(\.lastPathComponent) == ["heatmap.svg", "curves.svg"])
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["curves.svg", "heatmap.svg"])
    }
}
