import D2LTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every place a command writes, given a location that cannot be written: one line naming the
/// path and the reason, exit 73, before the work starts, and nothing written.
@Suite("Unwritable and ill-typed output locations")
struct OutputLocationTests {
    /// A command, with `afile` (a regular file), `adir.svg` (a folder) and `dangling` in its folder, the
    /// path its message must name (relative to that folder) and the reason.
    static let cases: [(arguments: [String], path: String, reason: String)] = [
        (["rmsprop", "--out", "afile"], "afile", "it is a file, not a folder"),
        (["rmsprop", "--out", "afile/figures"], "afile/figures", "afile is a file, not a folder"),
        (["rmsprop", "--out", "dangling"], "dangling", "it is a symbolic link to nowhere, which does not exist"),
        (["sweep", "--lr", "0.01", "--gamma", "0.9", "--out", "afile"], "afile", "it is a file, not a folder"),
        (["sweep", "--lr", "0.01", "--gamma", "0.9", "--out", "afile/a/b"], "afile/a/b", "afile is a file, not a folder"),
        (["train", "--plot", "afile/loss.svg"], "afile/loss.svg", "afile is a file, not a folder"),
        (["train", "--plot", "missing/loss.svg"], "missing/loss.svg", "its folder missing does not exist"),
        (["trace", "--plot", "adir.svg"], "adir.svg", "it is a directory"),
        (["trace", "--plot", "missing/paths.svg", "--compare", "adagrad"], "missing/paths.svg", "its folder missing does not exist"),
        (["train", "--checkpoint", "afile/run.ckpt"], "afile/run.ckpt", "afile is a file, not a folder"),
        (["train", "--checkpoint", "missing/run.ckpt"], "missing/run.ckpt", "its folder missing does not exist"),
        (["data", "fetch", "http://127.0.0.1:1/data.tsv"], "afile/cache/data.tsv", "afile is a file, not a folder"),
    ]

    /// A new folder holding `afile`, `adir.svg` and `dangling` (a symbolic link to nothing).
    static func workspace() throws -> URL {
        let folder = try CommandRunner.temporaryDirectory()
        try Data("not a folder\n".utf8).write(to: folder.appendingPathComponent("afile"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("adir.svg"), withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("dangling").path, withDestinationPath: "nowhere")
        return folder
    }

    @Test("each writing command refuses an unusable location before its work, exit 73, one line", arguments: cases)
    func refused(arguments: [String], path: String, reason: String) throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandRunner.run(
            arguments, in: folder, environment: ["D2L_CACHE_DIR": folder.appendingPathComponent("afile/cache").path]
        )
        let root = folder.resolvingSymlinksInPath().path + "/"
        let message = result.standardError.replacingOccurrences(of: root, with: "").replacingOccurrences(of: folder.path + "/", with: "")
        #expect(result.status == 73, "\(arguments): \(message)")
        #expect(message.hasPrefix("error: ") && message.contains("\(path): cannot write (\(reason))"), "\(arguments): \(message)")
        #expect(message.split(separator: "\n").count == 1, "\(arguments): \(message)")
        #expect(!message.contains("Domain="), "\(arguments): \(message)")
        #expect(result.standardOutput.isEmpty, "\(arguments) did its work first: \(result.standardOutput)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["adir.svg", "afile", "dangling"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("adir.svg").path).isEmpty)
    }

    @Test("a folder without write permission is refused the same way", .enabled(if: getuid() != 0, "root may write anywhere"))
    func readOnlyFolder() throws {
        let folder = try Self.workspace()
        let locked = folder.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: false)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: locked.path)
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked.path)
            try? FileManager.default.removeItem(at: folder)
        }
        for arguments in [["rmsprop", "--out", "locked/out"], ["train", "--plot", "locked/loss.svg"], ["train", "--checkpoint", "locked/run.ckpt"]] {
            let result = try CommandRunner.run(arguments, in: folder)
            #expect(result.status == 73, "\(arguments): \(result.standardError)")
            #expect(result.standardError.contains("is not writable"), "\(arguments): \(result.standardError)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: locked.path).isEmpty)
        }
    }
}
