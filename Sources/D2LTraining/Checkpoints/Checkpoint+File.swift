import D2LDatasets
import D2LSupport
import Foundation

extension Checkpoint {
    /// The first word of every checkpoint file.
    public static let magic = "swift-d2l-checkpoint"

    /// The file format version this build writes and reads.
    public static let formatVersion = 1

    /// The longest header accepted: the magic word, the version, the length and the digest.
    static let maximumHeaderLength = 160

    /// The file's bytes: `swift-d2l-checkpoint VERSION LENGTH SHA1\n` and then the JSON payload
    /// of `LENGTH` bytes whose SHA-1 is `SHA1`.
    ///
    /// - Throws: `EncodingError` if a value cannot be encoded (a non-finite epoch time).
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let payload = try encoder.encode(self)
        let header = "\(Self.magic) \(Self.formatVersion) \(payload.count) \(SHA1Digest(hashing: payload))\n"
        return Data(header.utf8) + payload
    }

    /// Reads a checkpoint from bytes, checking everything before trusting anything.
    ///
    /// In order: the magic word (a foreign file), the format version (a file from a newer
    /// swift-d2l), the header's form, the payload's length (a truncated file), its SHA-1 (a
    /// damaged file), the JSON, and the consistency of the contents.
    ///
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - file: The name errors give, such as the path.
    /// - Throws: ``CheckpointError``.
    public static func decode(_ data: Data, file: String) throws(CheckpointError) -> Checkpoint {
        guard !data.isEmpty else { throw .empty(file: file) }
        let bytes = [UInt8](data.prefix(maximumHeaderLength))
        let magicBytes = Array((magic + " ").utf8)
        guard bytes.starts(with: magicBytes) else { throw .notACheckpoint(file: file) }
        // The version comes first, so that a newer format may change everything after it.
        let versionDigits = bytes[magicBytes.count...].prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        guard let version = Int(String(decoding: versionDigits, as: UTF8.self)) else {
            throw .damaged(file: file, reason: "its header has no format version")
        }
        guard version == formatVersion else {
            throw .unsupportedVersion(file: file, found: version, supported: formatVersion)
        }
        guard let lineEnd = bytes.firstIndex(of: UInt8(ascii: "\n")) else {
            throw .damaged(file: file, reason: "its header line is not terminated")
        }
        let fields = bytes[magicBytes.count..<lineEnd].split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        guard fields.count == 3, let length = Int(fields[1]), length >= 0, let digest = try? SHA1Digest(hexadecimal: fields[2]) else {
            throw .damaged(file: file, reason: "its header is not \"\(magic) VERSION LENGTH SHA1\"")
        }
        let payload = data.dropFirst(lineEnd + 1)
        guard payload.count >= length else { throw .truncated(file: file, found: payload.count, expected: length) }
        guard payload.count == length else {
            throw .damaged(file: file, reason: "\(payload.count - length) unexpected bytes follow its contents")
        }
        let actual = SHA1Digest(hashing: payload)
        guard actual == digest else {
            throw .damaged(file: file, reason: "its contents have SHA-1 \(actual), not the \(digest) of its header (changed or corrupted bytes)")
        }
        let checkpoint: Checkpoint
        do {
            checkpoint = try JSONDecoder().decode(Checkpoint.self, from: Data(payload))
        } catch {
            throw .damaged(file: file, reason: "its contents do not decode (\(Self.summary(of: error)))")
        }
        if let inconsistency = checkpoint.inconsistency() {
            throw .damaged(file: file, reason: inconsistency)
        }
        return checkpoint
    }

    /// Reads and checks the checkpoint in `url`; see ``decode(_:file:)``.
    ///
    /// - Throws: ``CheckpointError``: ``CheckpointError/fileNotFound(file:)`` if nothing is
    ///   there, and the errors of ``decode(_:file:)``.
    public static func read(from url: URL) throws(CheckpointError) -> Checkpoint {
        let path = url.path(percentEncoded: false)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw .fileNotFound(file: path) }
        guard !isFolder.boolValue else { throw .unreadable(file: path, reason: "it is a directory") }
        // Checked before reading: `Data(contentsOf:)` leaks its read buffer for an empty file
        // (swift-foundation on Linux, found by LeakSanitizer).
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
           attributes[.type] as? FileAttributeType == .typeRegular, (attributes[.size] as? NSNumber)?.intValue == 0 {
            throw .empty(file: path)
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(file: path, reason: error.localizedDescription)
        }
        return try decode(data, file: path)
    }

    /// Writes the checkpoint to `url` atomically: a reader, or the file after a crash, sees the
    /// previous checkpoint or this one, never a mixture.
    ///
    /// - Throws: ``CheckpointError/cannotWrite(_:)``.
    public func write(to url: URL) throws(CheckpointError) {
        let path = url.path(percentEncoded: false)
        let data: Data
        do {
            data = try encoded()
        } catch {
            throw .cannotWrite(FileWriteError(path: path, reason: "the checkpoint cannot be encoded: \(error)"))
        }
        do {
            try AtomicFile.write(data, to: url)
        } catch {
            throw .cannotWrite(error)
        }
    }

    /// A one-line summary of a decoding error: what was wrong and where.
    private static func summary(of error: any Error) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return path.isEmpty ? "" : " at \(path.hasPrefix(".") ? String(path.dropFirst()) : path)"
        }
        let text: String
        switch error as? DecodingError {
        case let .keyNotFound(key, context)?: text = "missing \(key.stringValue)\(path(context))"
        case let .typeMismatch(_, context)?: text = "wrong type\(path(context)): \(context.debugDescription)"
        case let .valueNotFound(_, context)?: text = "missing value\(path(context))"
        case let .dataCorrupted(context)?: text = "\(context.debugDescription)\(path(context))"
        default: text = "\(error)"
        }
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count > 200 ? String(line.prefix(200)) + "…" : line
    }
}
