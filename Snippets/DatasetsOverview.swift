import D2LDatasets
import Foundation

// The bundled file, SHA-1-checked, standardized over all 1503 rows, first 1500 rows kept:
let (features, labels) = try Airfoil.sectionSplit(from: .bundled)
print(features.rowCount, features.columnCount, labels.count)   // 1500 5 1500

// A user's copy (LF or CRLF), with or without a digest to check:
// snippet.hide
let url = try Airfoil.bundledURL
// snippet.show
let copy = try Airfoil.load(from: .file(url, expectedSHA1: Airfoil.digest))

// $D2L_DATA_DIR/airfoil_self_noise.dat when that variable is set, else the bundled copy:
let source = Airfoil.DataSource(environment: ProcessInfo.processInfo.environment)
