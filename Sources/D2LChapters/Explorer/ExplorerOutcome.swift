/// What became of one setting of the explorer.
public enum ExplorerOutcome: Sendable {
    /// The runs, finished or diverged.
    case ran(ExplorerRun)
    /// The registry refused the combination (for example MXNet's momentum without centring);
    /// the message says why.
    case refused(String)
}
