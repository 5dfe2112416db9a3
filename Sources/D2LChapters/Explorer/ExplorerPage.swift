import D2LOptimizers
import D2LSupport
import D2LTraining
import Foundation

/// The explorer as one self-contained HTML file: controls for the learning rate, γ, ε
/// placement, centring, momentum, preset, compared optimizer and steps; the path over the
/// contour lines of the section's objective, the training loss against epoch, the
/// per-coordinate step size, and a readout in the book's format. Every number in it was
/// computed by ``Explorer``; the page's script only picks the precomputed run and draws it.
///
/// The view is kept in the URL fragment, such as `explore.html#lr=0.1&gamma=0.99&centered=1`
/// (keys `lr`, `gamma`, `placement`, `centered`, `momentum`, `preset`, `compare`, `steps`).
public struct ExplorerPage: Sendable {
    /// The page's file name beside the section's `index.html`.
    public static let fileName = "explore.html"

    /// The optimizer explored.
    public var optimizer: String
    /// The preset of the switch grid.
    public var preset: Preset
    /// The controls' values.
    public var axes: ExplorerAxes
    /// The trainings' settings.
    public var settings: Ch7Settings
    /// One outcome per ``ExplorerAxes/settings(preset:)`` under ``preset``, in that order.
    public var main: [ExplorerOutcome]
    /// For every other preset, one outcome per ``ExplorerAxes/presetSettings(preset:)``.
    public var presets: [(preset: Preset, outcomes: [ExplorerOutcome])]
    /// For every compared optimizer, one outcome per learning rate.
    public var compared: [(name: String, outcomes: [ExplorerOutcome])]

    /// A page of the given outcomes.
    public init(
        optimizer: String, preset: Preset, axes: ExplorerAxes, settings: Ch7Settings, main: [ExplorerOutcome],
        presets: [(preset: Preset, outcomes: [ExplorerOutcome])], compared: [(name: String, outcomes: [ExplorerOutcome])]
    ) {
        self.optimizer = optimizer
        self.preset = preset
        self.axes = axes
        self.settings = settings
        self.main = main
        self.presets = presets
        self.compared = compared
    }

    /// The number of settings the page holds runs for.
    public var settingCount: Int {
        main.count + presets.reduce(0) { $0 + $1.outcomes.count } + compared.reduce(0) { $0 + $1.outcomes.count }
    }

    /// The page's HTML.
    public func html() -> String {
        Self.template
            .replacingOccurrences(of: "{{title}}", with: "Explore \(optimizer), computed in Swift")
            .replacingOccurrences(of: "{{data}}", with: dataJSON())
    }

    /// Writes the page into `folder` (created if missing) as ``fileName``, atomically, and
    /// returns its URL.
    ///
    /// - Throws: `FileWriteError` naming the path and why it cannot be written.
    public func write(to folder: URL) throws(FileWriteError) -> URL {
        let url = folder.appendingPathComponent(Self.fileName)
        try AtomicFile.write(Data(html().utf8), to: url, createFolder: true)
        return url
    }
}
