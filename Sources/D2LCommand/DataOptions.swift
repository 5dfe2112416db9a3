import ArgumentParser
import D2LDatasets
import Foundation

/// Where the airfoil data comes from: `--data FILE` (checked with `--sha1` if given), else
/// `$D2L_DATA_DIR/airfoil_self_noise.dat`, else the copy shipped with the package.
struct DataOptions: ParsableArguments {
    @Option(help: "Read the airfoil data from FILE instead of the bundled copy.")
    var data: String?

    @Option(help: "Expected SHA-1 of --data FILE (40 hex digits).")
    var sha1: String?

    func validate() throws {
        if sha1 != nil && data == nil { throw ValidationError("--sha1 checks a file given with --data FILE") }
    }

    func source() throws -> Airfoil.DataSource {
        guard let data else { return Airfoil.DataSource(environment: ProcessInfo.processInfo.environment) }
        var digest: SHA1Digest?
        if let sha1 {
            do {
                digest = try SHA1Digest(hexadecimal: sha1)
            } catch {
                throw ValidationError(error.description)
            }
        }
        return .file(URL(fileURLWithPath: data), expectedSHA1: digest)
    }
}
