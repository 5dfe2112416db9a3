import D2LPlot
import D2LSupport
import D2LTraining
import Dispatch
import Foundation

extension ExplorerPage {
    /// The region of the objective the path view shows: x1 ∈ [−6, 6], x2 ∈ [−3, 3].
    static let window = (x1: -6.0...6.0, x2: -3.0...3.0)
    /// The values of f whose contour lines the path view draws.
    static let contourLevels = [0.25, 0.5, 1, 2, 4, 8, 16]

    /// Everything the page's script draws, as JSON. A run is `{"p": path, "d": step, "e":
    /// step sizes, "l": losses, "f": loss line, "s": step}`: the path's points as `d2l trace`
    /// prints them (`%f`) up to the step `d` where it diverged, the step sizes and losses to
    /// drawing precision, the loss line as `d2l train` prints it (absent when the training
    /// diverged, with `s` the step it stopped at); a refused setting is `{"r": reason}`.
    func dataJSON() -> String {
        let labels = { (values: [Double?]) -> String in
            values.contains(nil) ? "null" : Self.array(values.compactMap { $0 }.map { JSONText.string(SweepGrid.label($0)) })
        }
        let fields = [
            ("optimizer", JSONText.string(optimizer)),
            ("preset", JSONText.string(preset.rawValue)),
            ("seed", "\(settings.seed)"),
            ("epochs", "\(settings.epochs)"),
            ("maxSteps", "\(axes.maximumSteps)"),
            ("lr", labels(axes.learningRates)),
            ("gamma", labels(axes.decays)),
            ("placement", axes.placements.contains(nil) ? "null" : Self.array(axes.placements.compactMap { $0.map { JSONText.string($0.rawValue) } })),
            ("centered", axes.centering.contains(nil) ? "null" : Self.array(axes.centering.compactMap { $0.map { $0 ? "1" : "0" } })),
            ("momentum", labels(axes.momenta)),
            ("presets", Self.array(axes.presets.map { JSONText.string($0.rawValue) })),
            ("window", Self.array([Self.window.x1.lowerBound, Self.window.x1.upperBound, Self.window.x2.lowerBound, Self.window.x2.upperBound].map { "\($0)" })),
            ("contours", contoursJSON()),
            ("lossPositions", JSONText.string(settings.recordPositions(exampleCount: 1500).map { String(format: "%.4g", $0) }.joined(separator: " "))),
            ("main", Self.array(Self.json(main))),
            ("presetRuns", Self.object(presets.map { ($0.preset.rawValue, Self.array(Self.json($0.outcomes))) })),
            ("compared", Self.object(compared.map { ($0.name, Self.array(Self.json($0.outcomes))) })),
        ]
        return Self.object(fields)
    }

    /// The contour lines of the section's objective in the window, as `x,y x,y …` strings.
    private func contoursJSON() -> String {
        let objective = SectionQuadratic()
        let grid = SampledGrid(x: Self.window.x1, y: Self.window.x2, step: 0.1) { objective.value($0, $1) }
        let lines = Self.contourLevels.flatMap { grid.contourLines(at: $0) }.map { line in
            JSONText.string(line.map { String(format: "%.3f,%.3f", $0.x, $0.y) }.joined(separator: " "))
        }
        return Self.array(lines)
    }

    /// Each outcome's JSON, encoded on every core.
    private static func json(_ outcomes: [ExplorerOutcome]) -> [String] {
        let slots = ResultSlots<String, Never>(count: outcomes.count)
        DispatchQueue.concurrentPerform(iterations: outcomes.count) { slots.store(.success(json(outcomes[$0])), at: $0) }
        return slots.values()
    }

    private static func json(_ outcome: ExplorerOutcome) -> String {
        switch outcome {
        case let .refused(reason):
            return object([("r", JSONText.string(reason))])
        case let .ran(run):
            let diverged = run.divergedAtStep
            let kept = diverged ?? run.trajectory.points.count
            var fields = [("p", JSONText.string(run.trajectory.points.prefix(kept).map { String(format: "%f,%f", $0[0], $0[1]) }.joined(separator: " ")))]
            if let diverged { fields.append(("d", "\(diverged)")) }
            if !run.effectiveSteps.isEmpty {
                let sizes = run.effectiveSteps.prefix(max(kept - 1, 0)).map { String(format: "%.3g,%.3g", $0[0], $0[1]) }
                fields.append(("e", JSONText.string(sizes.joined(separator: " "))))
            }
            let losses = run.training.losses.prefix { $0.isFinite }.map { String(format: "%.5g", $0) }
            fields.append(("l", JSONText.string(losses.joined(separator: " "))))
            if run.trainingDiverged {
                if let step = run.training.stoppedAtStep { fields.append(("s", "\(step)")) }
            } else {
                fields.append(("f", JSONText.string(run.lossLine)))
            }
            return object(fields)
        }
    }

    private static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { "\(JSONText.string($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }

    private static func array(_ values: [String]) -> String {
        "[" + values.joined(separator: ",") + "]"
    }
}
