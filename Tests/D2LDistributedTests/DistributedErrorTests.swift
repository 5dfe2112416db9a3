import D2LDistributed
import Testing

@Suite("DistributedError")
struct DistributedErrorTests {
    @Test("every message is one line naming what differs and what would be valid")
    func descriptions() {
        #expect(
            DistributedError.disagreement(name: "seed", rank: 1, value: "1", referenceValue: "0").description
                == "ranks were started with different options: seed is 1 on rank 1 but 0 on rank 0; start every rank with the same options"
        )
        #expect(
            DistributedError.mpiFailure(operation: "MPI_Allreduce", code: 15, message: "MPI_ERR_TRUNCATE: message truncated").description
                == "MPI_Allreduce failed: MPI_ERR_TRUNCATE: message truncated (error 15)"
        )
        #expect(
            DistributedError.lengthMismatch(operation: "allgather", expected: 4, found: 3).description
                == "allgather was given a buffer of 3 elements; expected 4"
        )
        #expect(
            DistributedError.countTooLarge(operation: "MPI_Bcast", count: 1 << 32).description
                == "MPI_Bcast would send 4294967296 elements at once; MPI counts stop at 2147483647"
        )
        let all: [DistributedError] = [
            .mpiFailure(operation: "MPI_Barrier", code: 1, message: "x"), .mpiFinalized,
            .lengthMismatch(operation: "a", expected: 1, found: 2),
            .partCountMismatch(operation: "a", partCount: 2, worldSize: 1), .invalidRoot(root: 3, worldSize: 2),
            .countTooLarge(operation: "a", count: 1 << 40),
            .disagreement(name: "lr", rank: 2, value: "0.1", referenceValue: "(not given)"),
        ]
        #expect(all.allSatisfy { !$0.description.contains("\n") })
    }
}
