// snippet.hide
import D2LChapters
import D2LTraining
import Foundation

let section = try RMSPropSection(settings: Ch7Settings(seed: 0))
// snippet.show
let page = try Explorer(settings: section.settings).page(data: section.data)
let url = try page.write(to: URL(filePath: "rmsprop-output"))
