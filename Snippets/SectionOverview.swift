import D2LChapters
import D2LTraining
import Foundation

let section = try RMSPropSection(settings: Ch7Settings(seed: 0))   // reads the data once
let result = try section.run()
for line in result.bookLines { print(line) }
// epoch 20, x1 -0.010599, x2 0.000000
// loss: 0.243580, … sec per epoch
// loss: 0.243581, … sec per epoch

let report = SectionReport(result: result, exercises: try section.exercises(), settings: section.settings)
let files = try report.write(to: URL(filePath: "rmsprop-output"))
