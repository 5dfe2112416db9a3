import D2LTestSupport
import Foundation
import Testing

/// `d2l data fetch` against a server on 127.0.0.1 that the test starts.
@Suite("d2l data fetch", .serialized)
struct DataFetchCommandTests {
    static let airfoil = try! Data(contentsOf: Fixtures.packageRoot.appendingPathComponent("Sources/D2LDatasets/Resources/airfoil_self_noise.dat"))
    static let airfoilSHA1 = "76e5be1548fd8222e5074cf0faae75edff8cf93f"

    static func server() throws -> LocalHTTPServer {
        try LocalHTTPServer { path in
            switch path {
            case "/airfoil_self_noise.dat": return .ok(airfoil)
            case "/wrong/airfoil_self_noise.dat": return .ok(Data(airfoil.dropLast(2)) + Data("9\n".utf8))
            case "/drop/airfoil_self_noise.dat": return .dropHalfway(airfoil)
            default: return .status(404)
            }
        }
    }

    static func fetch(_ arguments: [String], cache: URL, environment: [String: String]? = nil) throws -> CommandResult {
        try CommandRunner.run(["data", "fetch"] + arguments, environment: environment ?? ["D2L_CACHE_DIR": cache.path])
    }

    @Test("airfoil is downloaded once into the cache, checked, reused, and fetched again when damaged")
    func fetchesAndCaches() throws {
        let server = try Self.server()
        defer { server.stop() }
        let cache = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cache) }
        let file = cache.appendingPathComponent("airfoil_self_noise.dat")

        let first = try Self.fetch(["airfoil", "--base-url", server.url()], cache: cache)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput == file.path + "\n")
        #expect(first.standardError.contains("downloaded"))
        #expect(try Data(contentsOf: file) == Self.airfoil)

        let second = try Self.fetch(["airfoil", "--base-url", server.url()], cache: cache)
        #expect(second.status == 0 && second.standardError.contains("cached"))
        #expect(server.requestedPaths.count == 1)

        try Data("not the data\n".utf8).write(to: file)
        let third = try Self.fetch(["airfoil", "--base-url", server.url()], cache: cache)
        #expect(third.status == 0 && third.standardError.contains("damaged"), "\(third.standardError)")
        #expect(try Data(contentsOf: file) == Self.airfoil)

        let trained = try CommandRunner.run(["train", "--epochs", "1", "--data", file.path, "--sha1", Self.airfoilSHA1])
        #expect(trained.status == 0, "\(trained.standardError)")
    }

    @Test("wrong bytes exit 65, a dropped connection or a 404 exit 1, and nothing is written")
    func failures() throws {
        let server = try Self.server()
        defer { server.stop() }
        let cache = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cache) }
        let wrong = try Self.fetch(["airfoil", "--base-url", server.url("wrong/")], cache: cache)
        #expect(wrong.status == 65)
        #expect(wrong.standardError.contains("SHA-1") && wrong.standardError.contains(Self.airfoilSHA1), "\(wrong.standardError)")
        let dropped = try Self.fetch(["airfoil", "--base-url", server.url("drop")], cache: cache)
        #expect(dropped.status == 1)
        #expect(dropped.standardError.contains("cut off") || dropped.standardError.contains("transfer closed"), "\(dropped.standardError)")
        let missing = try Self.fetch(["airfoil", "--base-url", server.url("missing/")], cache: cache)
        #expect(missing.status == 1 && missing.standardError.contains("HTTP 404"), "\(missing.standardError)")
        for result in [wrong, dropped, missing] {
            #expect(result.standardOutput.isEmpty)
            #expect(result.standardError.split(separator: "\n").count == 1, "\(result.standardError)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path).isEmpty)
    }

    @Test("a URL whose file name would leave the cache exits 64 before any request, whatever the encoding")
    func escapesRefused() throws {
        let server = try LocalHTTPServer { _ in .ok(Data("1\t2\n".utf8)) }
        defer { server.stop() }
        let root = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = root.appendingPathComponent("outer/inner/cache")
        let paths = [
            "%2E%2E%2F%2E%2E%2Fescape.dat", "%2e%2e%2fescape.dat", "..%2Fescape.dat", "..%2f..%2fescape.dat", "..%5Cescape.dat",
            "%2E%2E%5C%2E%2E%5Cescape.dat", "a%00.dat", "a%0D%0A.dat", "%2E%2E", "sub/%2e", ".escape.dat", "%2Eescape.dat", "a%FF.dat",
        ]
        for path in paths {
            let url = server.url(path)
            let result = try Self.fetch([url], cache: cache)
            #expect(result.status == 64, "\(path): \(result.standardError)")
            #expect(result.standardError.hasPrefix("error: \"\(url)\" cannot be fetched into the cache: its file name "), "\(result.standardError)")
            #expect(result.standardError.split(separator: "\n").count == 1, "\(result.standardError)")
            #expect(result.standardOutput.isEmpty)
        }
        #expect(server.requestedPaths.isEmpty)
        #expect(FileManager.default.subpaths(atPath: root.path) ?? [] == [])

        let doubled = try Self.fetch([server.url("%252E%252E%252Fescape.dat")], cache: cache)
        #expect(doubled.status == 0, "\(doubled.standardError)")
        #expect(doubled.standardOutput == cache.appendingPathComponent("%2E%2E%2Fescape.dat").path + "\n")
        #expect(FileManager.default.subpaths(atPath: root.path)?.sorted() == [
            "outer", "outer/inner", "outer/inner/cache", "outer/inner/cache/%2E%2E%2Fescape.dat",
        ])
    }

    @Test("a cache folder that cannot be created exits 73 naming it, before any request")
    func unwritableCache() throws {
        let server = try Self.server()
        defer { server.stop() }
        let root = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("afile")
        try Data("a file\n".utf8).write(to: file)
        let result = try Self.fetch(["airfoil", "--base-url", server.url()], cache: file.appendingPathComponent("cache"))
        #expect(result.status == 73)
        #expect(result.standardError == "error: \(file.path)/cache/airfoil_self_noise.dat: cannot write (\(file.path) is a file, not a folder); "
            + "expected a writable location\n")
        #expect(server.requestedPaths.isEmpty)
    }

    @Test("data and data fetch have help with an example")
    func help() throws {
        for command in [["data"], ["data", "fetch"]] {
            let result = try CommandRunner.run(command + ["--help"])
            #expect(result.status == 0)
            #expect(result.standardOutput.contains("Example: d2l data fetch airfoil"), "\(command)")
        }
    }

    @Test("a URL without --sha1 is downloaded and its SHA-1 printed; the cache folder follows the environment")
    func urlsAndFolders() throws {
        let server = try Self.server()
        defer { server.stop() }
        let root = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let byURL = try Self.fetch([server.url("airfoil_self_noise.dat")], cache: root.appendingPathComponent("d2l-cache"))
        #expect(byURL.status == 0)
        #expect(byURL.standardError.contains(Self.airfoilSHA1) && byURL.standardError.contains("--sha1"))
        #expect(byURL.standardOutput == root.appendingPathComponent("d2l-cache/airfoil_self_noise.dat").path + "\n")

        let xdg = try Self.fetch(["airfoil", "--base-url", server.url()], cache: root, environment: [
            "D2L_CACHE_DIR": "", "XDG_CACHE_HOME": root.appendingPathComponent("xdg").path,
        ])
        #expect(xdg.standardOutput == root.appendingPathComponent("xdg/d2l/airfoil_self_noise.dat").path + "\n")
        let home = try Self.fetch(["airfoil", "--base-url", server.url()], cache: root, environment: [
            "D2L_CACHE_DIR": "", "XDG_CACHE_HOME": "", "HOME": root.appendingPathComponent("home").path,
        ])
        #expect(home.standardOutput == root.appendingPathComponent("home/.cache/d2l/airfoil_self_noise.dat").path + "\n")
    }

    @Test("without curl on PATH, a download exits 1 naming curl, and nothing is written")
    func withoutCurl() throws {
        let server = try Self.server()
        defer { server.stop() }
        let cache = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cache) }
        let url = server.url("airfoil_self_noise.dat")
        let result = try Self.fetch([url], cache: cache, environment: ["D2L_CACHE_DIR": cache.path, "PATH": cache.path])
        #expect(result.status == 1)
        #expect(result.standardError == "error: cannot download \(url): downloads run the curl program, and none is on PATH; "
            + "install curl and try again\n")
        #expect(server.requestedPaths.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path).isEmpty)
    }
}
