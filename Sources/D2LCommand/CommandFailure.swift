import ArgumentParser
import D2LChapters
import D2LDatasets
import D2LOptimizers
import D2LPlot
import D2LSupport
import D2LTraining
import Foundation

/// Turns the errors a user can cause into one line on standard error and the documented exit
/// status: 64 for usage, 65 for bad data or state files, 73 for an output that cannot be
/// created, 3 for a non-finite stop, 130 after Ctrl-C, 1 otherwise.
enum CommandFailure {
    static let usage: Int32 = 64
    static let badData: Int32 = 65
    /// BSD's `EX_CANTCREAT`: a file or folder the command writes cannot be created.
    static let cannotCreateOutput: Int32 = 73
    static let nonFinite: Int32 = 3
    static let other: Int32 = 1

    /// Runs `body`, translating its errors.
    static func handling(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as DatasetError {
            try fail(error.description, status: badData)
        } catch let error as OptimizerError {
            if case .nonFiniteGradient = error { try fail(error.description, status: nonFinite) }
            if case .communication = error { try fail(error.description, status: other) }
            try fail(error.description, status: usage)
        } catch let error as CheckpointError {
            try fail(error.description, status: status(of: error))
        } catch let error as DownloadError {
            try fail(error.description, status: status(of: error))
        } catch let error as FileWriteError {
            try fail(error.description, status: cannotCreateOutput)
        } catch let error as ExplorerError {
            if case .optimizer = error { try fail(error.description, status: usage) }
            try fail(error.description, status: other)
        } catch let error as PlotError {
            try fail(error.description, status: cannotCreateOutput)
        } catch let interruption as TrainingInterrupted {
            report(interruption)
            throw ExitCode(InterruptHandler.exitStatus)
        }
    }

    /// Prints where an interrupted run saved its checkpoint and how to continue it.
    static func report(_ interruption: TrainingInterrupted) {
        FileHandle.standardError.write(Data("\(interruption); to continue, run the same command with --resume\n".utf8))
    }

    /// 64 for a file that would be overwritten, 73 for one that cannot be written, else 65.
    static func status(of error: CheckpointError) -> Int32 {
        switch error {
        case .alreadyExists: return usage
        case .cannotWrite: return cannotCreateOutput
        default: return badData
        }
    }

    /// 64 for an unknown name, a bad URL or an unsafe file name, 65 for wrong bytes, 73 for a
    /// cache that cannot be written, 1 for the network.
    static func status(of error: DownloadError) -> Int32 {
        switch error {
        case .unknownDataset, .invalidURL, .unsafeFileName: return usage
        case .digestMismatch: return badData
        case .cannotWrite: return cannotCreateOutput
        case .curlNotFound, .transferFailed, .timedOut, .httpStatus, .truncated: return other
        }
    }

    /// Runs `body`, reporting a `ValidationError` it throws as argument-parser reports one from
    /// `validate()`: the message, then `command`'s usage hint, exit 64. For the checks that need
    /// what `run()` builds (the algorithm), so that it is built once.
    static func checkingUsage<Result>(of command: ParsableCommand.Type, _ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as ValidationError {
            let tool = "\(D2L._commandName) \(command._commandName)"
            FileHandle.standardError.write(Data("""
                Error: \(error.message)
                Usage: \(D2L._commandName) \(command.usageString())
                  See '\(tool) --help' for more information.

                """.utf8))
            throw ExitCode(usage)
        }
    }

    /// Prints `message` to standard error and exits with `status`.
    static func fail(_ message: String, status: Int32) throws -> Never {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        throw ExitCode(status)
    }
}
