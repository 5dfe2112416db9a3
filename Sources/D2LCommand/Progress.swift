import D2LChapters
import D2LTraining
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A progress bar on standard error for long commands (a sweep, a long training).
///
/// It draws only for a person watching: when standard error is a terminal and the `CI`
/// environment variable is unset (or empty, `0` or `false`); otherwise every call does
/// nothing, so piped or logged output stays clean. It waits a moment before drawing (0.4 s, or
/// `D2L_PROGRESS_DELAY` seconds), so runs that end quickly never flash a bar, redraws at most
/// every 50 ms, and erases itself when finished. Standard output is never touched.
///
/// ```swift
/// let progress = ProgressBar(label: "sweep", total: 16)
/// for run in 1...16 { work(); progress.update(completed: run) }
/// progress.finish()
/// ```
final class ProgressBar: @unchecked Sendable {
    /// The text before the bar.
    let label: String
    /// The number of units of work.
    private(set) var total: Int
    /// Whether this bar draws at all.
    let isEnabled: Bool

    private let lock = NSLock()
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private let delay: Duration
    private var lastDrawn: ContinuousClock.Instant?
    private var hasDrawn = false

    /// A bar for `total` units of work.
    ///
    /// - Parameters:
    ///   - label: The text before the bar, such as the command's name.
    ///   - total: The number of units of work (at least 1); ``update(completed:total:)`` may
    ///     change it once it is known.
    ///   - delay: Nothing is drawn before this much time has passed; `nil` (default) for
    ///     `D2L_PROGRESS_DELAY` seconds if set, else 0.4 s.
    ///   - isEnabled: `nil` (default) decides with ``shouldDraw(environment:standardErrorIsTerminal:)``.
    init(label: String, total: Int, delay: Duration? = nil, isEnabled: Bool? = nil) {
        let environment = ProcessInfo.processInfo.environment
        self.label = label
        self.total = max(1, total)
        self.delay = delay
            ?? environment["D2L_PROGRESS_DELAY"].flatMap(Double.init).flatMap { $0 >= 0 && $0.isFinite ? .seconds($0) : nil }
            ?? .milliseconds(400)
        self.isEnabled = isEnabled ?? Self.shouldDraw(environment: environment, standardErrorIsTerminal: isatty(STDERR_FILENO) == 1)
        start = clock.now
    }

    /// Whether a bar should be drawn: standard error is a terminal and `CI` is not set.
    static func shouldDraw(environment: [String: String], standardErrorIsTerminal: Bool) -> Bool {
        guard standardErrorIsTerminal else { return false }
        guard let ci = environment["CI"] else { return true }
        return ["", "0", "false"].contains(ci.lowercased())
    }

    /// Records that `completed` units are done (of `total`, when it has become known),
    /// redrawing when it is time to.
    func update(completed: Int, total: Int? = nil) {
        guard isEnabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if let total { self.total = max(1, total) }
        let now = clock.now
        guard now - start >= delay else { return }
        if let lastDrawn, now - lastDrawn < .milliseconds(50), completed < self.total { return }
        lastDrawn = now
        hasDrawn = true
        write("\r\u{1B}[2K" + Self.line(label: label, completed: completed, total: self.total))
    }

    /// Erases the bar, if one was drawn.
    func finish() {
        guard isEnabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if hasDrawn { write("\r\u{1B}[2K") }
        hasDrawn = false
    }

    /// The bar's text, e.g. `sweep [##########··········] 8/16`.
    static func line(label: String, completed: Int, total: Int, width: Int = 30) -> String {
        let total = max(1, total)
        let done = min(max(0, completed), total)
        let filled = width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: "·", count: width - filled)
        return "\(label) [\(bar)] \(done)/\(total)"
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

extension ProgressBar {
    /// Runs `body` with a bar that follows the minibatch steps of the trainings it starts
    /// (through `TrainingProgress`), erased when `body` returns or throws.
    static func followingTraining<Result>(label: String, _ body: () throws -> Result) rethrows -> Result {
        let bar = ProgressBar(label: label, total: 1)
        defer { bar.finish() }
        guard bar.isEnabled else { return try body() }
        return try TrainingProgress.$observer.withValue({ step, total in bar.update(completed: step, total: total) }) {
            try body()
        }
    }
}
