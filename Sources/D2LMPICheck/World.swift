import D2LDistributed

/// The communicator of this build: Open MPI's world with the `MPI` trait, else one process.
enum World {
    /// What the communicator runs on, for the report line.
    static var engine: String {
        #if MPI
        "Open MPI"
        #else
        "one process, built without the MPI trait"
        #endif
    }

    /// The world of the processes started together.
    static func communicator() throws(DistributedError) -> any Communicator {
        #if MPI
        try MPICommunicator.world()
        #else
        LocalCommunicator()
        #endif
    }

    /// Ends a successful run: finalizes MPI on every rank. A failed run exits without it.
    static func finish() throws(DistributedError) {
        #if MPI
        try MPICommunicator.finalize()
        #endif
    }
}
