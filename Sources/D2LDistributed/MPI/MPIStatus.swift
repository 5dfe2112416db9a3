#if MPI
import CD2LMPI
import COpenMPI

/// Turns MPI's return codes and counts into ``DistributedError``s.
enum MPIStatus {
    /// Throws ``DistributedError/mpiFailure(operation:code:message:)`` unless `code` is
    /// `MPI_SUCCESS`.
    static func check(_ code: Int32, _ operation: String) throws(DistributedError) {
        guard code != d2l_mpi_success() else { return }
        throw .mpiFailure(operation: operation, code: code, message: message(for: code))
    }

    /// `count` as MPI's `int`, or ``DistributedError/countTooLarge(operation:count:)``.
    static func count(_ count: Int, _ operation: String) throws(DistributedError) -> Int32 {
        guard let narrow = Int32(exactly: count) else { throw .countTooLarge(operation: operation, count: count) }
        return narrow
    }

    /// MPI's text for the error `code`.
    private static func message(for code: Int32) -> String {
        var text = [CChar](repeating: 0, count: Int(d2l_mpi_max_error_string()) + 1)
        var length: Int32 = 0
        guard MPI_Error_string(code, &text, &length) == d2l_mpi_success() else { return "unknown MPI error" }
        return String(decoding: text.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension ScalarKind {
    /// The MPI datatype of this layout.
    var mpiDatatype: MPI_Datatype {
        switch self {
        case .float32: d2l_mpi_float()
        case .float64: d2l_mpi_double()
        case .uint64: d2l_mpi_uint64()
        case .uint8: d2l_mpi_uint8()
        }
    }
}

extension ReductionOperation {
    /// The MPI operation.
    var mpiOperation: MPI_Op {
        switch self {
        case .sum: d2l_mpi_sum()
        case .maximum: d2l_mpi_max()
        }
    }
}
#endif
