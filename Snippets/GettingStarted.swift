// snippet.trace
import D2LChapters
import D2LOptimizers
import D2LTraining
import Foundation

let rmsprop = try Trace2D.run(RMSProp(learningRate: 0.4, decay: 0.9, epsilon: 1e-6), steps: 20)
print(rmsprop.summary)              // epoch 20, x1 -0.010599, x2 0.000000

let adagrad = try Trace2D.run(Adagrad(learningRate: 0.4, epsilon: 1e-6), steps: 20)
print(adagrad.summary)              // epoch 20, x1 -2.382563, x2 -0.158591
// snippet.traceFigure
let figure = SectionFigures.trace(
    [("RMSProp", rmsprop), ("Adagrad", adagrad)],
    title: SectionFigures.traceTitle(steps: 20, start: Trace2D.sectionStart))
try figure.write(to: URL(filePath: "trace-2d.svg"))
// snippet.fromScratch
let data = try SectionData<Float>()                       // the bundled, SHA-1-checked copy
let settings = Ch7Settings(seed: 0)                       // batch size 10, 2 epochs, shuffled

var scratch = ScratchOptimizer<Float>(.rmsprop(learningRate: 0.01, decay: 0.9))
let fromScratch = try TrainCh7.run(data: data, settings: settings) { parameters, gradients in
    scratch.update(&parameters, gradients: gradients)
}
print(fromScratch.summary)          // loss: 0.243580, … sec per epoch
// snippet.withLibrary
var fused = try Optimizer<Float>(RMSProp(learningRate: 0.01, decay: 0.9))
let withLibrary = try TrainCh7.run(data: data, settings: settings) { try fused.step(&$0, gradients: $1) }
print(withLibrary.summary)          // loss: 0.243580, … sec per epoch
// snippet.concise
let concise = try TrainConcise.run(
    optimizer: "rmsprop", hyperparameters: ["learning_rate": 0.01, "gamma1": 0.9], data: data, settings: settings)
print(concise.summary)              // loss: 0.243581, … sec per epoch

let losses = SectionFigures.losses(
    [("from scratch", fromScratch), ("concise", concise)], settings: settings, title: "RMSProp on the airfoil data")
try losses.write(to: URL(filePath: "losses.svg"))
// snippet.decayOne
var frozen = ScratchOptimizer<Float>(.rmsprop(learningRate: 0.01, decay: 1))
let decayOne = try TrainCh7.run(data: data, settings: settings) { frozen.update(&$0, gradients: $1) }
print("stopped at step", decayOne.stoppedAtStep ?? 0)   // stopped at step 17
// snippet.sweep
let sweep = Sweep(task: .train, grid: SweepGrid(learningRates: [0.001, 0.01, 0.03, 0.1], decays: [0.5, 0.9, 0.99, 1]),
                  settings: settings)
let result = try sweep.run()
for run in result.allRuns {
    print(run.label, run.outcome, run.finalValue)   // lr 0.01, γ 0.9 finished 0.24358049035072327
}
let sweepFigures = try SweepFigures(result: result).write(to: URL(filePath: "sweep-output"))   // heatmap.svg, curves.svg
// snippet.section
let section = try RMSPropSection(settings: Ch7Settings(seed: 1))
let report = SectionReport(result: try section.run(), exercises: try section.exercises(), settings: section.settings)
let written = try report.write(to: URL(filePath: "rmsprop-output"))
print(written.map(\.lastPathComponent))   // ["trace-2d.svg", "losses.svg", "exercise-heatmap.svg", "exercise-curves.svg", "index.html"]
// snippet.end
