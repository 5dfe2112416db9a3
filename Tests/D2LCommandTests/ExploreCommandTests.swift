import D2LTestSupport
import Foundation
import Testing

@Suite("d2l explore: help and errors")
struct ExploreCommandTests {
    @Test("--help shows an example and the fragment keys")
    func help() throws {
        let result = try CommandRunner.run(["explore", "--help"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("Example: d2l explore"))
        #expect(result.standardOutput.contains("#lr=0.1&gamma=0.99&centered=1"))
    }

    @Test("an unknown optimizer is a usage error (64), an output that cannot be created exits 73, before any run")
    func errors() throws {
        let unknown = try CommandRunner.run(["explore", "--optimizer", "rmsprob"])
        #expect(unknown.status == 64)
        #expect(unknown.standardError.contains("unknown optimizer 'rmsprob'"))
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("a-file")
        try Data().write(to: file)
        let blocked = try CommandRunner.run(["explore", "--out", file.appendingPathComponent("inside").path])
        #expect(blocked.status == 73)
        #expect(blocked.standardError.split(separator: "\n").count == 1, "\(blocked.standardError)")
        #expect(blocked.standardError.hasPrefix("error: \(file.path)/inside: cannot write ("))
    }
}
