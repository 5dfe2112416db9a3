import D2LDataParallel
import D2LDistributed
import D2LOptimizers
import D2LSupport
import D2LTensor
import Foundation

/// One consolidated checkpoint of a data-parallel run, written by every rank at once and
/// readable at any world size.
///
/// The file is `D2LSHARD`, the header's length (8 bytes, little-endian), the header (JSON:
/// the run's identity and position, the generator, the optimizer's step counts and
/// configuration), zeros up to a multiple of 8 bytes, then the raw scalars: every parameter,
/// then each used state slot over all parameters, in the flattened order of ``ArenaLayout``.
///
/// Saving never gathers the state through one rank: rank 0 writes the header into a temporary
/// file of the final length, then each rank writes its own window of the parameters and of
/// each slot at its offset and flushes it to disk, and rank 0 renames the file into place —
/// so a job that dies while saving leaves the previous checkpoint intact. Every rank must see
/// the same file system (one machine, or a shared folder for several). Resuming reads the
/// parameters whole and only this rank's window of the state, whatever the world size was.
struct ShardedCheckpoint {
    static let magic = Data("D2LSHARD".utf8)
    static let formatVersion = 1

    /// A header read from a file, and where the file's scalars start.
    struct Stored {
        var header: Header
        var dataOffset: Int
    }

    /// Everything but the numbers.
    struct Header: Codable, Equatable {
        var formatVersion: Int
        var run: RunIdentity
        var configuration: String
        var shapes: [[Int]]
        var slots: [UInt8]
        var stepCount: Int
        var skippedStepCount: Int
        var epoch: Int
        var batch: Int
        var trainingSteps: Int
        var losses: ExactDoubles
        var secondsPerEpoch: Double
        var generator: Xoshiro256StarStar
    }

    let file: URL
    var path: String { file.path(percentEncoded: false) }
    var temporary: URL { file.appendingPathExtension("writing") }

    /// The bytes before the scalars for `header`: magic, length, JSON, padding.
    static func prefix(_ header: Header) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = try encoder.encode(header)
        var data = magic
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(json)
        data.append(Data(count: dataOffset(headerLength: json.count) - data.count))
        return data
    }

    /// Where the scalars start after a header of `headerLength` bytes: past the magic, the
    /// length and the header, at a multiple of 8.
    static func dataOffset(headerLength: Int) -> Int {
        (16 + headerLength + 7) / 8 * 8
    }

    /// Saves the run at `header`'s position: every rank calls it with the header of the same
    /// position. Rank 0's header is the one saved (its times may differ from another rank's,
    /// and so may the header's length: every rank writes at rank 0's offsets).
    func save<Scalar: TensorScalar>(
        header: Header, parameters: [Scalar], state: OptimizerState<Scalar>, communicator: any Communicator
    ) throws {
        let prefix = try Self.prefix(header)
        var dataOffset = [UInt64(prefix.count)]
        try communicator.broadcast(&dataOffset, from: 0)
        let size = MemoryLayout<Scalar>.size
        let count = parameters.count
        let slots = header.slots.count
        if communicator.rank == 0 {
            try? FileManager.default.removeItem(at: temporary)
            try write(temporary, create: true) { handle in
                try handle.write(contentsOf: prefix)
                try handle.truncate(atOffset: UInt64(prefix.count + (1 + slots) * count * size))
            }
        }
        try communicator.barrier()
        let window = state.window
        try write(temporary, create: false) { handle in
            func put(_ values: ArraySlice<Scalar>, section: Int) throws {
                try handle.seek(toOffset: dataOffset[0] + UInt64((section * count + window.lowerBound) * size))
                try values.withUnsafeBytes { try handle.write(contentsOf: Data($0)) }
            }
            try put(parameters[window], section: 0)
            for (section, slot) in header.slots.enumerated() {
                try put((slot == StateSlots.first.rawValue ? state.first : slot == StateSlots.second.rawValue ? state.second : state.third)[...], section: section + 1)
            }
            try handle.synchronize()
        }
        try communicator.barrier()
        if communicator.rank == 0 {
            guard rename(temporary.path(percentEncoded: false), path) == 0 else {
                throw CheckpointError.cannotWrite(FileWriteError(path: path, reason: String(cString: strerror(errno))))
            }
        }
        try communicator.barrier()
    }

    private func write(_ url: URL, create: Bool, _ body: (FileHandle) throws -> Void) throws {
        if create, !FileManager.default.createFile(atPath: url.path(percentEncoded: false), contents: nil) {
            throw CheckpointError.cannotWrite(FileWriteError(path: url.path(percentEncoded: false), reason: "cannot create the file"))
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try body(handle)
    }

    /// The header, after checking the file's magic and length.
    func readHeader(scalarSize: Int) throws(CheckpointError) -> Stored {
        guard FileManager.default.fileExists(atPath: path) else { throw .fileNotFound(file: path) }
        do {
            let handle = try FileHandle(forReadingFrom: file)
            defer { try? handle.close() }
            let start = try handle.read(upToCount: 16) ?? Data()
            guard start.count == 16, start.prefix(8) == Self.magic else { throw CheckpointError.notACheckpoint(file: path) }
            let length = start.suffix(8).withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
            guard length < 1 << 30, let json = try handle.read(upToCount: Int(length)), json.count == Int(length) else {
                throw CheckpointError.damaged(file: path, reason: "its header is cut short")
            }
            let header = try JSONDecoder().decode(Header.self, from: json)
            guard header.formatVersion == Self.formatVersion else {
                throw CheckpointError.unsupportedVersion(file: path, found: header.formatVersion, supported: Self.formatVersion)
            }
            let elements = header.shapes.reduce(0) { $0 + $1.reduce(1, *) }
            let dataOffset = Self.dataOffset(headerLength: Int(length))
            let expected = dataOffset + (1 + header.slots.count) * elements * scalarSize
            let found = Int(try handle.seekToEnd())
            guard found == expected else { throw CheckpointError.truncated(file: path, found: found, expected: expected) }
            return Stored(header: header, dataOffset: dataOffset)
        } catch let error as CheckpointError {
            throw error
        } catch {
            throw .unreadable(file: path, reason: "\(error)")
        }
    }

    /// Every parameter and this rank's `window` of each saved slot.
    func readNumbers<Scalar: TensorScalar>(
        _ stored: Stored, window: Range<Int>, as _: Scalar.Type
    ) throws(CheckpointError) -> (parameters: [Scalar], slots: [[Scalar]]) {
        let (header, prefix) = (stored.header, stored.dataOffset)
        let size = MemoryLayout<Scalar>.size
        let count = header.shapes.reduce(0) { $0 + $1.reduce(1, *) }
        do {
            let handle = try FileHandle(forReadingFrom: file)
            defer { try? handle.close() }
            func take(_ range: Range<Int>, section: Int) throws -> [Scalar] {
                try handle.seek(toOffset: UInt64(prefix + (section * count + range.lowerBound) * size))
                let data = try handle.read(upToCount: range.count * size) ?? Data()
                guard data.count == range.count * size else { throw CheckpointError.truncated(file: path, found: data.count, expected: range.count * size) }
                var values = [Scalar](repeating: 0, count: range.count)
                values.withUnsafeMutableBytes { $0.copyBytes(from: data) }
                return values
            }
            return (try take(0..<count, section: 0), try header.slots.indices.map { try take(window, section: $0 + 1) })
        } catch let error as CheckpointError {
            throw error
        } catch {
            throw .unreadable(file: path, reason: "\(error)")
        }
    }
}
