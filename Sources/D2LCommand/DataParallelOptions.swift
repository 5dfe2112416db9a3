import ArgumentParser
import D2LDataParallel
import D2LDistributed

/// `--data-parallel` and `--exact-reduction` of `d2l train`.
struct DataParallelOptions: ParsableArguments {
    @Flag(
        name: .customLong("data-parallel"),
        help: "Train across the ranks started by mpirun (a build with --traits MPI), the optimizer state sharded across them."
    )
    var dataParallel = false

    @Flag(
        name: .customLong("exact-reduction"),
        help: "Sum gradients over fixed chunks of each batch in a fixed order: the same bits at every world size, one process included."
    )
    var exactReduction = false

    /// Whether the run goes through the data-parallel step (one process for `--exact-reduction` alone).
    var isEnabled: Bool { dataParallel || exactReduction }

    var reduction: GradientReduction { exactReduction ? .exact : .sum }

    /// The ranks to train across: every rank `mpirun` started, or this process alone.
    ///
    /// - Throws: `ExitCode(64)` after one line on standard error, for `--data-parallel` in a
    ///   build without the MPI trait.
    func communicator() throws -> any Communicator {
        dataParallel ? try Self.world() : LocalCommunicator()
    }

    /// Ends MPI after a successful run on every rank (never after a failure: see LostRanks).
    func finish() throws {
        if dataParallel { try Self.finishWorld() }
    }

    /// Every rank `mpirun` started, for a command's `--data-parallel`.
    ///
    /// - Throws: `ExitCode(64)` after one line on standard error, in a build without the MPI trait.
    static func world() throws -> any Communicator {
        #if MPI
        return try MPICommunicator.world()
        #else
        try CommandFailure.fail(
            "--data-parallel needs a d2l built with Open MPI: swift build -c release --traits MPI "
                + "(Open MPI: apt-get install libopenmpi-dev openmpi-bin)",
            status: CommandFailure.usage)
        #endif
    }

    /// Ends MPI after a successful run of ``world()`` on every rank.
    static func finishWorld() throws {
        #if MPI
        try MPICommunicator.finalize()
        #endif
    }
}
