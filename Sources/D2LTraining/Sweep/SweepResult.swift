/// Every run of a sweep, arranged as its grid: one row per decay γ, one column per learning
/// rate.
public struct SweepResult: Sendable, Equatable, Codable {
    /// What each run did.
    public var task: SweepTask
    /// The optimizer's registry name.
    public var optimizer: String
    /// The grid that was run.
    public var grid: SweepGrid
    /// `runs[row][column]`: row `i` has decay `grid.rows[i]`, column `j` learning rate
    /// `grid.columns[j]`.
    public var runs: [[SweepRun]]
    /// A one-line account of the setting shared by every run, such as
    /// `airfoil regression from scratch, 2 epochs, batch size 10, seed 0`.
    public var setting: String

    /// A result with the given parts.
    ///
    /// - Precondition: `runs` has one row per grid row, each with one run per grid column.
    public init(task: SweepTask, optimizer: String, grid: SweepGrid, runs: [[SweepRun]], setting: String) {
        precondition(
            runs.count == grid.rows.count && runs.allSatisfy { $0.count == grid.columns.count },
            "runs must have \(grid.rows.count) rows of \(grid.columns.count) runs"
        )
        self.task = task
        self.optimizer = optimizer
        self.grid = grid
        self.runs = runs
        self.setting = setting
    }

    /// All runs, row by row.
    public var allRuns: [SweepRun] { runs.flatMap { $0 } }

    /// The run with the smallest final value among those that finished, if any.
    public var best: SweepRun? {
        allRuns.filter { $0.outcome == .finished }.min { $0.finalValue < $1.finalValue }
    }

    /// The runs that ended with `outcome`, row by row.
    public func runs(_ outcome: SweepOutcome) -> [SweepRun] {
        allRuns.filter { $0.outcome == outcome }
    }

    /// The run at the given decay and learning rate, if the grid has them.
    public func run(learningRate: Double, decay: Double?) -> SweepRun? {
        allRuns.first { $0.learningRate == learningRate && $0.decay == decay }
    }
}
