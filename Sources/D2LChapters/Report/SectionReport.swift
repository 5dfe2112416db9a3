import D2LOptimizers
import D2LPlot
import D2LTraining
import Foundation

/// Writes the section's figures and `index.html`, a report in the project's words that puts
/// the section together; every number and figure in it comes from the run it describes.
public struct SectionReport: Sendable {
    /// The run to report.
    public var result: SectionResult
    /// The exercises' runs.
    public var exercises: SectionExercises
    /// The settings both ran with.
    public var settings: Ch7Settings

    /// A report of `result` and `exercises`, both computed with `settings`.
    public init(result: SectionResult, exercises: SectionExercises, settings: Ch7Settings) {
        self.result = result
        self.exercises = exercises
        self.settings = settings
    }

    /// File names inside the output folder.
    public enum FileName {
        /// Contour plot with the RMSProp and Adagrad paths.
        public static let trace = "trace-2d.svg"
        /// Loss against epoch of both trainings.
        public static let losses = "losses.svg"
        /// The exercise's sweep: final losses over learning rate × γ.
        public static let exerciseHeatmap = "exercise-heatmap.svg"
        /// The exercise's sweep: every run's loss against epoch.
        public static let exerciseCurves = "exercise-curves.svg"
        /// The report.
        public static let report = "index.html"
    }

    /// Writes every file into `folder` (created if needed), each atomically, and returns their
    /// URLs.
    ///
    /// - Throws: `PlotError` or a file-system error when the folder is not writable.
    public func write(to folder: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let sweepFigures = SweepFigures(result: exercises.sweep)
        let figures: [(String, any SVGRenderable)] = [
            (FileName.trace, traceFigure()), (FileName.losses, lossFigure()),
            (FileName.exerciseHeatmap, exerciseHeatmap(sweepFigures)), (FileName.exerciseCurves, exerciseCurves(sweepFigures)),
        ]
        var urls: [URL] = []
        for (name, figure) in figures {
            let url = folder.appendingPathComponent(name)
            try figure.write(to: url)
            urls.append(url)
        }
        let reportURL = folder.appendingPathComponent(FileName.report)
        try report().write(to: reportURL)
        return urls + [reportURL]
    }

    /// The report's HTML: every number in it computed by the run and the exercises' runs.
    public func html() -> String {
        report().html()
    }

    func traceFigure() -> ContourPlot {
        SectionFigures.trace(
            [("RMSProp (η 0.4, γ 0.9)", result.trace), ("Adagrad (η 0.4)", result.adagradTrace)],
            title: "f(x) = 0.1·x1² + 2·x2², 20 steps from (−5, −2)"
        )
    }

    /// Both trainings' losses; the from-scratch line is drawn wide and pale under the concise
    /// one, dashed, so both stay visible where they coincide.
    func lossFigure() -> LineChart {
        var chart = SectionFigures.losses(
            [("from scratch", result.scratch), ("concise (Trainer)", result.concise)],
            settings: settings, title: "Airfoil regression, RMSProp η 0.01, γ 0.9"
        )
        chart.series[0].style = SeriesStyle(color: Color(hex: "#9ecae1"), lineWidth: 5)
        chart.series[1].style = SeriesStyle(color: Color.tab10[1], dash: .dashed, lineWidth: 2)
        return chart
    }

    func exerciseHeatmap(_ figures: SweepFigures) -> Heatmap {
        figures.heatmap(title: "Final loss after \(settings.epochs) epochs, seed \(settings.seed)")
    }

    func exerciseCurves(_ figures: SweepFigures) -> LineChart {
        figures.curves(title: "Loss of every run (log scale), seed \(settings.seed)")
    }

    func report() -> HTMLReport {
        let settings = settings
        var report = HTMLReport(title: "RMSProp, run in Swift")
        report.append(.paragraph(
            "Adagrad divides each step by the root of the sum of all squared gradients seen so far, so its steps only shrink. "
                + "RMSProp replaces that sum with an exponentially weighted moving average, so the scale of each coordinate's step "
                + "follows the recent gradients instead of the whole history."
        ))
        report.append(.heading("The update rule"))
        report.append(.code("s ← γ · s + (1 − γ) · g ⊙ g\nx ← x − η · g / √(s + ε)        (ε = 10⁻⁶, inside the square root)"))
        report.append(.paragraph(
            "With γ = 0.9 the average spans roughly the last 1 / (1 − γ) = 10 steps."
        ))
        report.append(.heading("1. The 2D objective"))
        report.append(.paragraph("f(x) = 0.1·x1² + 2·x2², start (−5, −2), η = 0.4, γ = 0.9, ε = 10⁻⁶, 20 steps in Double."))
        report.append(.code(result.trace.summary))
        report.append(.paragraph(
            "Adagrad at the same learning rate ends at \(Self.point(result.adagradTrace.final)): its accumulated squares keep growing, "
                + "so its steps along x1 have shrunk long before the minimum. RMSProp ends at \(Self.point(result.trace.final))."
        ))
        report.appendFigure(traceFigure(), caption: "Paths of RMSProp and Adagrad (η = 0.4) over the contour lines of f.")
        report.append(.heading("2. From scratch"))
        report.append(.paragraph(
            "Linear regression on the airfoil self-noise data (1500 standardised examples, 5 features), minibatches of "
                + "\(settings.batchSize), \(settings.epochs) epochs, \(settings.shuffle ? "reshuffled every epoch" : "in file order"), "
                + "seed \(settings.seed); the rule above applied to whole tensors in place, with η = 0.01, γ = 0.9."
        ))
        report.append(.code(result.scratch.summary))
        report.append(.heading("3. Concise"))
        report.append(.paragraph(
            "A Dense(1) layer, the L2 loss summed over the minibatch and a trainer created by name: "
                + "Trainer(\"rmsprop\", [\"learning_rate\": 0.01, \"gamma1\": 0.9]), with Gluon's ε = 10⁻⁸; "
                + "step(batchSize:) divides the summed gradient by the batch size."
        ))
        report.append(.code(result.concise.summary))
        var lossCaption = "Loss over all 1500 examples, recorded before training and after every 100 examples."
        let largestGap = zip(result.scratch.losses, result.concise.losses).map { abs($0 - $1) }.max() ?? 0
        if result.scratch.losses.count == result.concise.losses.count, largestGap < 1e-3 {
            lossCaption += " With the same seed both runs start from the same weight and see the same minibatches, and the "
                + "two formulations compute the same steps, so their curves coincide (they differ by at most "
                + "\(Self.number(largestGap)))."
        }
        if let optimum = exercises.optimalLoss {
            lossCaption += " The lowest loss this linear model can reach on these data (least squares, solved exactly) is "
                + "\(Self.number(optimum)); the from-scratch run ends \(Self.number(result.scratch.finalLoss - optimum)) above it."
        }
        report.appendFigure(lossFigure(), caption: lossCaption)
        appendGammaOne(to: &report)
        appendSweep(to: &report)
        appendStatePrecisions(to: &report)
        report.append(.heading("Credits"))
        report.append(.paragraph(
            "The section follows Dive into Deep Learning (Zhang, Lipton, Li, Smola), section 8.6 of the MXNet edition. "
                + "Data: Airfoil Self-Noise (T. Brooks, D. Pope, M. Marcolini, NASA), UCI Machine Learning Repository, CC BY 4.0."
        ))
        return report
    }

    /// Beyond the section: the from-scratch training with 8-bit optimizer state.
    private func appendStatePrecisions(to report: inout HTMLReport) {
        let comparison = exercises.statePrecisions
        report.append(.heading("Beyond the section: 8-bit optimizer state"))
        report.append(.paragraph(
            "The from-scratch training with the library's RMSProp (η = 0.01, γ = 0.9, seed \(settings.seed)), its mean square "
                + "kept as Float or as 8-bit blockwise codes (one Float absmax per block of 256, the unsigned dynamic map): "
                + "Float state ends at loss \(Self.number(comparison.float.finalLoss)) with \(comparison.floatStateBytes) bytes of state, "
                + "8-bit state at \(Self.number(comparison.eightBit.finalLoss)) with \(comparison.eightBitStateBytes) bytes. "
                + "On a model this small the absmax dominates; on large tensors 8-bit state takes 1.016 bytes per element instead of 4."
        ))
    }

    /// The first exercise: what γ = 1 does, and why.
    private func appendGammaOne(to report: inout HTMLReport) {
        report.append(.heading("Exercise 1: γ = 1"))
        report.append(.paragraph(
            "With γ = 1 the average never takes in a gradient: s ← 1·s + 0·g² keeps its starting value 0, so every step is "
                + "η·g/√ε = η·g·1000, a plain gradient step with a learning rate a thousand times larger."
        ))
        report.append(.paragraph(
            "On the 2D objective that is a step of 0.4·1000·4·x2 along x2 (a factor of −1599 per step): after 20 steps the point "
                + "is at \(Self.point(exercises.decayOneTrace.final))."
        ))
        let training = exercises.decayOneTraining
        if let step = training.stoppedAtStep, let value = training.stoppingValue {
            report.append(.paragraph(
                "On the regression (η = 0.01, so effectively 10) the loss explodes: the minibatch loss was \(value) at step \(step), "
                    + "where training stopped; the last recorded loss over all examples was \(Self.number(training.finalLoss))."
            ))
        } else {
            report.append(.paragraph("On the regression the run ended with loss \(Self.number(training.finalLoss))."))
        }
        let row = exercises.sweep.grid.decays.firstIndex(of: 1).map { exercises.sweep.runs[$0] } ?? []
        if !row.isEmpty {
            let outcomes = row.map { "\($0.outcome.rawValue) at η = \(SweepGrid.label($0.learningRate))" }
            report.append(.paragraph(
                "The sweep below repeats it with the library's fused optimizer for every learning rate: γ = 1 "
                    + outcomes.joined(separator: ", ") + ". "
                    + (row.allSatisfy { $0.outcome == .diverged }
                        ? "A smaller η does not rescue it: the effective learning rate 1000 η is too large for every η in the grid."
                        : "The effective learning rate is 1000 η: only where that is small enough does the run stay bounded.")
            ))
        }
    }

    /// The second exercise: the sweep over learning rate × γ, its figures and what it shows.
    private func appendSweep(to report: inout HTMLReport) {
        let sweep = exercises.sweep
        let figures = SweepFigures(result: sweep)
        let settings = settings
        report.append(.heading("Exercise 2: other learning rates and γ"))
        report.append(.paragraph(
            "The from-scratch training again (seed \(settings.seed), \(settings.epochs) epochs, minibatches of \(settings.batchSize)) "
                + "for every η in {\(sweep.grid.learningRates.map(SweepGrid.label).joined(separator: ", "))} and γ in "
                + "{\(sweep.grid.decays.map(SweepGrid.label).joined(separator: ", "))}: \(sweep.grid.runCount) runs from the same "
                + "initial weight and the same shuffles, so they differ only in η and γ. A run is marked diverged when a loss is "
                + "not finite or rises above \(Int(SweepOutcome.divergenceFactor)) times its start, stalled when its final loss "
                + "is within \(Int(SweepOutcome.stallTolerance * 100))% of its start."
        ))
        report.appendFigure(exerciseHeatmap(figures), caption: "Final loss of each run: rows γ, columns η.")
        var findings: [String] = []
        if let best = sweep.best {
            var text = "The lowest final loss, \(Self.number(best.finalValue)), came from η = \(SweepGrid.label(best.learningRate))"
                + (best.decay.map { ", γ = \(SweepGrid.label($0))" } ?? "")
            if let optimum = exercises.optimalLoss { text += " (the least-squares optimum is \(Self.number(optimum)))" }
            findings.append(text + ".")
        }
        for learningRate in sweep.grid.learningRates {
            let finals = sweep.allRuns.filter { $0.learningRate == learningRate && $0.outcome == .finished }
                .map { "\(Self.number($0.finalValue)) (γ \(SweepGrid.label($0.decay ?? 0)))" }
            guard !finals.isEmpty else { continue }
            findings.append("η = \(SweepGrid.label(learningRate)): " + finals.joined(separator: ", ") + ".")
        }
        let counts = SweepOutcome.allCases.map { outcome in "\(sweep.runs(outcome).count) \(outcome.rawValue)" }
        findings.append("Outcomes: " + counts.joined(separator: ", ") + ".")
        report.append(.list(findings))
        report.append(.paragraph(
            "How to read it: g/√s is about ±1 per coordinate once s has caught up with the squared gradients, so each weight "
                + "moves by roughly η per step whatever the scale of its gradient. η therefore sets the step length: too small "
                + "and two epochs are not enough to reach the minimum, too large and the loss keeps jittering around it. "
                + "γ sets the memory of s, about 1/(1 − γ) steps: a small γ follows the latest minibatch's gradients and lets "
                + "single steps grow when a gradient is briefly small, a large γ changes the step scale slowly; at γ = 1 "
                + "there is no memory of gradients at all, and the scale never adapts."
        ))
        report.appendFigure(
            exerciseCurves(figures),
            caption: "Loss over all examples against epoch for every run; colour is η, dash pattern γ. The vertical axis stops at "
                + "ten times the starting loss, so diverging runs leave through the top."
        )
        report.append(.paragraph("The same grid from the command line (add --task trace for the 2D objective):"))
        report.append(.code(
            "d2l sweep --optimizer rmsprop --lr " + sweep.grid.learningRates.map(SweepGrid.label).joined(separator: ",")
                + " --gamma " + sweep.grid.decays.map(SweepGrid.label).joined(separator: ",") + " --seed \(settings.seed)"
        ))
    }

    static func point(_ x: [Double]) -> String {
        "(\(number(x[0])), \(number(x[1])))"
    }

    static func number(_ value: Double) -> String {
        abs(value) >= 1e5 || (abs(value) < 1e-3 && value != 0) ? String(format: "%.3e", value) : String(format: "%.6f", value)
    }
}
