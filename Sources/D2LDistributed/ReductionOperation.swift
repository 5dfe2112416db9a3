/// How ``Communicator/allreduce(_:_:)`` combines the ranks' values, element by element.
public enum ReductionOperation: Hashable, Sendable, CaseIterable {
    /// The sum over ranks. For floating-point values the order of the additions is fixed for a
    /// given world size and buffer length, so a run is repeatable, but it differs between world
    /// sizes.
    case sum

    /// The largest value over ranks.
    case maximum
}
