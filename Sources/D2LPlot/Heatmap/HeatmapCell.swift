/// The content of one heatmap cell.
public enum HeatmapCell: Hashable, Sendable {
    /// A finite value, coloured by the colour map and written in the cell.
    case value(Double)
    /// The run blew up (the loss overflowed or became NaN): red hatching, labelled "diverged".
    case diverged
    /// The run made no progress (for example γ = 1 with bias correction off): grey hatching,
    /// labelled "stalled".
    case stalled
    /// No result: a blank cell labelled "n/a".
    case missing

    /// A cell for an optional result: `nil` is ``missing``, a non-finite value ``diverged``.
    public init(_ value: Double?) {
        guard let value else {
            self = .missing
            return
        }
        self = value.isFinite ? .value(value) : .diverged
    }
}
