import ArgumentParser
import D2LDatasets
import Foundation

/// `d2l data`: data sets in the download cache.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Fetch data sets into the download cache.",
        discussion: "Example: d2l data fetch airfoil",
        subcommands: [Fetch.self]
    )
}

extension DataCommand {
    /// `d2l data fetch NAME|URL`: d2l's `download`, into the cache folder.
    struct Fetch: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fetch",
            abstract: "Download a data set into the cache (unless a copy with the right SHA-1 is there) and print its path.",
            discussion: """
                The cache is $D2L_CACHE_DIR, else $XDG_CACHE_HOME/d2l, else ~/.cache/d2l. A name (\(DataHub.entries.map(\.name).joined(separator: ", "))) \
                comes with d2l's URL and SHA-1; a URL is checked against --sha1 if given (without it, it is downloaded every \
                time and its SHA-1 printed). A damaged cached copy is fetched again; a download is written only after its \
                SHA-1 matches, atomically, under the URL's last path segment percent-decoded: a name that is not one plain \
                file name (/, \\, control characters, a leading dot, . or ..) is refused before anything is requested. \
                The path goes to standard output, what happened to standard error.
                Example: d2l data fetch airfoil
                Example: d2l train --data "$(d2l data fetch airfoil)" --sha1 \(Airfoil.sha1)
                """
        )

        @Argument(help: ArgumentHelp("A data set name (\(DataHub.entries.map(\.name).joined(separator: ", "))) or an http(s) URL.", valueName: "name-or-url"))
        var target: String

        @Option(help: "Expected SHA-1 of the file (40 hex digits); for a name, overrides d2l's.")
        var sha1: String?

        @Option(name: .customLong("base-url"), help: ArgumentHelp("Fetch a named data set from under this URL instead of d2l's (\(DataHub.defaultBaseURL)).", valueName: "url"))
        var baseURL: String?

        @Option(parsing: .unconditional, help: "Seconds to wait for data before giving up.")
        var timeout: Double = 60

        func validate() throws {
            guard timeout.isFinite, timeout > 0 else { throw ValidationError("--timeout must be a number of seconds > 0, not \(timeout)") }
            if let sha1 {
                do { _ = try SHA1Digest(hexadecimal: sha1) } catch { throw ValidationError(error.description) }
            }
            if baseURL != nil && isURL { throw ValidationError("--base-url applies to a data set given by name, not to a URL") }
        }

        private var isURL: Bool { target.contains("://") }

        func run() throws {
            try CommandFailure.handling {
                let expected = try sha1.map { try SHA1Digest(hexadecimal: $0) }
                let url: String
                var digest = expected
                if isURL {
                    url = target
                } else {
                    let entry = try DataHub.entry(named: target)
                    url = entry.url(base: baseURL ?? DataHub.defaultBaseURL)
                    digest = expected ?? entry.sha1
                }
                let downloader = Downloader(
                    cacheDirectory: CacheDirectory.url(environment: ProcessInfo.processInfo.environment), timeout: timeout
                )
                let fetched = try downloader.fetch(url, expectedSHA1: digest)
                let path = fetched.file.path(percentEncoded: false)
                let check = digest == nil ? "SHA-1 \(fetched.sha1); pass --sha1 to check it and use the cache" : "SHA-1 \(fetched.sha1) checked"
                let note: String
                switch fetched.outcome {
                case .cached: note = "cached: \(path) (\(check))"
                case .downloaded: note = "downloaded \(url) to \(path) (\(check))"
                case .replacedDamagedCopy(let damaged):
                    note = "the cached copy was damaged (SHA-1 \(damaged)); downloaded \(url) again to \(path) (\(check))"
                }
                FileHandle.standardError.write(Data((note + "\n").utf8))
                print(path)
            }
        }
    }
}
