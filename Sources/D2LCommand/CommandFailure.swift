import ArgumentParser
import D2LDatasets
import D2LOptimizers
import Foundation

/// Turns the errors a user can cause into one line on standard error and the documented exit
/// status: 64 for usage, 65 for bad data or state files, 3 for a non-finite stop, 1 otherwise.
enum CommandFailure {
    static let usage: Int32 = 64
    static let badData: Int32 = 65
    static let nonFinite: Int32 = 3

    /// Runs `body`, translating its errors.
    static func handling(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as DatasetError {
            try fail(error.description, status: badData)
        } catch let error as OptimizerError {
            try fail(error.description, status: usage)
        }
    }

    /// Prints `message` to standard error and exits with `status`.
    static func fail(_ message: String, status: Int32) throws -> Never {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        throw ExitCode(status)
    }
}
