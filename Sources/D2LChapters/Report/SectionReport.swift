import D2LOptimizers
import D2LPlot
import Foundation

/// Writes the section's figures and `index.html`, a report in the project's words that puts
/// the section together; every number and figure in it comes from the run it describes.
public struct SectionReport: Sendable {
    /// The run to report.
    public var result: SectionResult
    /// The settings it ran with.
    public var section: RMSPropSection

    /// A report of `result`, computed by `section`.
    public init(result: SectionResult, section: RMSPropSection) {
        self.result = result
        self.section = section
    }

    /// File names inside the output folder.
    public enum FileName {
        /// Contour plot with the RMSProp and Adagrad paths.
        public static let trace = "trace-2d.svg"
        /// Loss against epoch of both trainings.
        public static let losses = "losses.svg"
        /// The report.
        public static let report = "index.html"
    }

    /// Writes every file into `folder` (created if needed), each atomically, and returns their
    /// URLs.
    ///
    /// - Throws: ``D2LPlot/PlotError`` or a file-system error when the folder is not writable.
    public func write(to folder: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let traceFigure = traceFigure()
        let lossFigure = lossFigure()
        let urls = [FileName.trace, FileName.losses, FileName.report].map { folder.appendingPathComponent($0) }
        try traceFigure.write(to: urls[0])
        try lossFigure.write(to: urls[1])
        try report(traceFigure: traceFigure, lossFigure: lossFigure, exercise: try gammaOneExercise()).write(to: urls[2])
        return urls
    }

    func traceFigure() -> ContourPlot {
        SectionFigures.trace(
            [("RMSProp (η 0.4, γ 0.9)", result.trace), ("Adagrad (η 0.4)", result.adagradTrace)],
            title: "f(x) = 0.1·x1² + 2·x2², 20 steps from (−5, −2)"
        )
    }

    func lossFigure() -> LineChart {
        SectionFigures.losses(
            [("from scratch", result.scratch), ("concise (Trainer)", result.concise)],
            epochs: section.settings.epochs, title: "Airfoil regression, RMSProp η 0.01, γ 0.9"
        )
    }

    /// The first exercise's evidence: γ = 1 on the 2D objective and on the regression.
    struct GammaOneExercise {
        var trace: Trajectory
        var training: TrainingResult
    }

    func gammaOneExercise() throws -> GammaOneExercise {
        let trace = try Trace2D.run(RMSProp(learningRate: 0.4, decay: 1, epsilon: 1e-6))
        var optimizer = ScratchOptimizer<Float>(.rmsprop(learningRate: 0.01, gamma: 1))
        let training = try TrainCh7.run(data: try SectionData<Float>(source: section.source), settings: section.settings) {
            optimizer.update(&$0, gradients: $1)
        }
        return GammaOneExercise(trace: trace, training: training)
    }

    func report(traceFigure: ContourPlot, lossFigure: LineChart, exercise: GammaOneExercise) -> HTMLReport {
        let settings = section.settings
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
        report.appendFigure(traceFigure, caption: "Paths of RMSProp and Adagrad (η = 0.4) over the contour lines of f.")
        report.append(.heading("2. From scratch"))
        report.append(.paragraph(
            "Linear regression on the airfoil self-noise data (1500 standardised examples, 5 features), minibatches of "
                + "\(settings.batchSize), \(settings.epochs) epochs, \(settings.shuffle ? "reshuffled every epoch" : "in file order"), "
                + "seed \(settings.seed); the rule above written as whole-tensor expressions with η = 0.01, γ = 0.9."
        ))
        report.append(.code(result.scratch.summary))
        report.append(.heading("3. Concise"))
        report.append(.paragraph(
            "A Dense(1) layer, the L2 loss summed over the minibatch and a trainer created by name: "
                + "Trainer(\"rmsprop\", [\"learning_rate\": 0.01, \"gamma1\": 0.9]), with Gluon's ε = 10⁻⁸; "
                + "step(batchSize:) divides the summed gradient by the batch size."
        ))
        report.append(.code(result.concise.summary))
        report.appendFigure(lossFigure, caption: "Loss over all 1500 examples, recorded before training and after every 100 examples. With the same seed both runs start and shuffle alike, so their curves coincide.")
        report.append(.heading("Exercise: γ = 1"))
        report.append(.paragraph(
            "With γ = 1 the average never takes in a gradient: s keeps its starting value 0, so every step is η·g/√ε = "
                + "η·g·1000, a plain gradient step with a learning rate a thousand times larger."
        ))
        report.append(.paragraph(
            "On the 2D objective that is a step of 0.4·1000·4·x2 along x2 (a factor of −1599 per step): after 20 steps the point "
                + "is at \(Self.point(exercise.trace.final))."
        ))
        let training = exercise.training
        if let step = training.stoppedAtStep, let value = training.stoppingValue {
            report.append(.paragraph(
                "On the regression (η = 0.01, so effectively 10) the loss explodes: the minibatch loss was \(value) at step \(step), "
                    + "where training stopped; the last recorded loss over all examples was \(Self.number(training.finalLoss))."
            ))
        } else {
            report.append(.paragraph("On the regression the run ended with loss \(Self.number(training.finalLoss))."))
        }
        report.append(.paragraph(
            "Other combinations of η and γ: `d2l sweep --optimizer rmsprop --lr 0.001,0.01,0.03,0.1 --gamma 0.5,0.9,0.99,1` "
                + "runs the grid and draws it."
        ))
        report.append(.heading("Credits"))
        report.append(.paragraph(
            "The section follows Dive into Deep Learning (Zhang, Lipton, Li, Smola), section 8.6 of the MXNet edition. "
                + "Data: Airfoil Self-Noise (T. Brooks, D. Pope, M. Marcolini, NASA), UCI Machine Learning Repository, CC BY 4.0."
        ))
        return report
    }

    static func point(_ x: [Double]) -> String {
        "(\(number(x[0])), \(number(x[1])))"
    }

    static func number(_ value: Double) -> String {
        abs(value) >= 1e5 || (abs(value) < 1e-3 && value != 0) ? String(format: "%.3e", value) : String(format: "%.6f", value)
    }
}
