import D2LChapters
import D2LOptimizers
import D2LTestSupport
import D2LTraining
import Foundation
import Testing

@Suite("The explorer's grid and runs")
struct ExplorerTests {
    /// A small grid, so that the page is computed in a moment.
    static let smallGrid = ExplorerGrid(
        learningRates: [0.01, 0.4, 1], decays: [0.9, 1], placements: [.insideSquareRoot, .outsideSquareRoot],
        centering: [false, true], momenta: [0, 0.9], presets: [.book, .pytorch, .mxnet], compared: ["adagrad", "sgd"],
        maximumSteps: 30
    )

    @Test("the standard grid holds the section's values and at least 1,440 switch settings")
    func standardGrid() throws {
        let grid = ExplorerGrid.standard
        #expect(grid.learningRates.count >= 12 && grid.decays.count >= 10)
        for value in [0.001, 0.01, 0.03, 0.1, 0.4] { #expect(grid.learningRates.contains(value)) }
        for value in [0.5, 0.9, 0.99, 1] { #expect(grid.decays.contains(value)) }
        #expect(grid.momenta == [0, 0.5, 0.9])
        #expect(grid.learningRates == grid.learningRates.sorted() && grid.decays == grid.decays.sorted())
        let ratios = zip(grid.learningRates.dropFirst(), grid.learningRates).map { $0 / $1 }
        #expect(ratios.allSatisfy { (1.3...2.6).contains($0) }, "log-spaced: \(ratios)")
        let axes = try Explorer(grid: grid).axes()
        #expect(axes.settings(preset: .book).count >= 1440)
        #expect(Set(grid.compared) == ["adagrad", "sgd", "adam"])
    }

    @Test("an optimizer's axes keep only the options it takes")
    func axesFollowTheOptimizer() throws {
        let adagrad = try Explorer(optimizer: "adagrad", grid: Self.smallGrid).axes()
        #expect(adagrad.decays == [nil] && adagrad.centering == [nil] && adagrad.momenta == [nil])
        #expect(adagrad.placements.count == 2)
        #expect(throws: OptimizerError.self) { try Explorer(optimizer: "rmsprob").axes() }
    }

    @Test("the step size after a step is η/√(s+ε) from the optimizer's state, and the path is the trace's")
    func effectiveStepSize() throws {
        let data = try SectionData<Float>()
        let algorithm = RMSProp(learningRate: 0.4, decay: 0.9, epsilon: 1e-6)
        let run = try ExplorerRun(algorithm: algorithm, steps: 20, data: data, settings: Ch7Settings())
        #expect(run.trajectory == (try Trace2D.run(algorithm)))
        // The first gradient at (−5, −2) is (−1, −8), so s = 0.1 · g² = (0.1, 6.4).
        let first = try #require(run.effectiveSteps.first)
        #expect(allClose(first, [0.4 / (0.1 + 1e-6).squareRoot(), 0.4 / (6.4 + 1e-6).squareRoot()], relative: 1e-12))
        #expect(run.effectiveSteps.count == 20)
        #expect(run.divergedAtStep == nil && !run.trainingDiverged)
    }

    @Test("a page over a small grid holds every setting, refuses what a preset refuses and marks divergence")
    func smallPage() throws {
        let data = try SectionData<Float>()
        let page = try Explorer(preset: .mxnet, grid: Self.smallGrid).page(data: data)
        #expect(page.main.count == 3 * 2 * 2 * 2 * 2)
        #expect(page.presets.map(\.preset) == [.book, .pytorch] && page.presets.allSatisfy { $0.outcomes.count == 6 })
        #expect(page.compared.map(\.name) == ["adagrad", "sgd"] && page.compared.allSatisfy { $0.outcomes.count == 3 })
        let refused = page.main.filter { if case .refused = $0 { true } else { false } }
        #expect(refused.count == 3 * 2 * 2, "MXNet refuses momentum without centring")
        let html = page.html()
        #expect(html.contains("\"d\":"), "γ = 1 at η = 1 diverges")
        #expect(!html.contains("src=") && !html.contains("<link"))
    }
}
