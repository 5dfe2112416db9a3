import D2LDatasets
import D2LSupport

/// Why a checkpoint cannot be read, resumed from or written.
///
/// Each description is one line naming the file, what is wrong and what to do.
public enum CheckpointError: Error, Equatable, CustomStringConvertible {
    /// `--resume` was given but the file does not exist.
    case fileNotFound(file: String)
    /// The file exists but cannot be read.
    case unreadable(file: String, reason: String)
    /// The file exists and a new run (without `--resume`) would overwrite it.
    case alreadyExists(file: String)
    /// The file is empty.
    case empty(file: String)
    /// The file is not a swift-d2l checkpoint at all.
    case notACheckpoint(file: String)
    /// The file is a checkpoint in a format version this build does not read.
    case unsupportedVersion(file: String, found: Int, supported: Int)
    /// The file is shorter than its header says: an interrupted copy, say.
    case truncated(file: String, found: Int, expected: Int)
    /// The file is damaged or inconsistent: changed bytes, a bad header, impossible contents.
    case damaged(file: String, reason: String)
    /// The checkpoint comes from another run; each entry names a difference.
    case otherRun(file: String, differences: [String])
    /// The checkpoint is further along than the epochs asked for.
    case beyondRequestedEpochs(file: String, saved: String, requested: Int)
    /// The checkpoint could not be written.
    case cannotWrite(FileWriteError)

    public var description: String {
        switch self {
        case let .fileNotFound(file):
            return "\(file): no checkpoint to resume from; run once with --checkpoint \(file) (without --resume) to create it"
        case let .unreadable(file, reason):
            return "\(file): cannot be read (\(reason)); expected a readable checkpoint file"
        case let .alreadyExists(file):
            return "\(file) already exists; add --resume to continue from it, or choose another --checkpoint file (it is not overwritten)"
        case let .empty(file):
            return "\(file) is empty, not a swift-d2l checkpoint; delete it and start again without --resume"
        case let .notACheckpoint(file):
            return "\(file) is not a swift-d2l checkpoint (it does not start with \"\(Checkpoint.magic)\"); "
                + "expected a file written by d2l train --checkpoint"
        case let .unsupportedVersion(file, found, supported):
            return found > supported
                ? "\(file) is a checkpoint of format version \(found), written by a newer swift-d2l; this one reads version \(supported): update swift-d2l"
                : "\(file) is a checkpoint of format version \(found); this swift-d2l reads version \(supported)"
        case let .truncated(file, found, expected):
            return "\(file) is truncated: its contents are \(found) bytes, its header says \(expected); "
                + "the file was cut short (an incomplete copy?): use an intact copy or start again"
        case let .damaged(file, reason):
            return "\(file) is damaged: \(reason); use an intact copy or start again without --resume"
        case let .otherRun(file, differences):
            return "\(file) was saved by another run (\(differences.joined(separator: "; "))); "
                + "resume with the same options, or choose another --checkpoint file"
        case let .beyondRequestedEpochs(file, saved, requested):
            return "\(file) is already at \(saved), beyond --epochs \(requested); ask for at least as many epochs to resume"
        case let .cannotWrite(error):
            return "cannot save the checkpoint: \(error.description)"
        }
    }
}
