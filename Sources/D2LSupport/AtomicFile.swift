import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes whole files so that readers, and the file after a crash, see either the old contents
/// or the new, never a mixture or a truncated file.
///
/// ```swift
/// try AtomicFile.write(data, to: URL(filePath: "run.ckpt"))
/// ```
///
/// The bytes go to a new temporary file beside the destination (`.NAME.tmp-PID-RANDOM`), which
/// is flushed to disk (`fsync`) and then renamed over the destination; the folder is flushed
/// too, so that the rename survives a power cut. A process killed while writing leaves the old
/// file intact, and a temporary file that the next successful write of the same file removes.
package enum AtomicFile {
    /// The environment variable that, for tests, pauses a write for that many seconds after
    /// half of the temporary file is written, so that a test can kill the process mid-write.
    package static let testPauseVariable = "D2L_TEST_PAUSE_MID_WRITE"

    /// Replaces the file at `url` with `data`, atomically.
    ///
    /// - Parameters:
    ///   - data: The new contents.
    ///   - url: A file URL; its folder is created if missing when `createFolder` is true.
    ///   - createFolder: Whether to create missing folders on the way to `url`.
    /// - Throws: ``FileWriteError`` naming the path and the system's reason; the destination is
    ///   unchanged then and the temporary file removed.
    package static func write(_ data: Data, to url: URL, createFolder: Bool = false) throws(FileWriteError) {
        let path = url.path(percentEncoded: false)
        let folder = url.deletingLastPathComponent()
        let folderPath = folder.path(percentEncoded: false)
        if createFolder {
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw FileWriteError(path: folderPath, reason: "cannot create the folder (\(error.localizedDescription))")
            }
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw FileWriteError(path: path, reason: "it is a directory")
        }
        let temporary = folder.appending(
            path: ".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))",
            directoryHint: .notDirectory
        ).path(percentEncoded: false)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileWriteError(path: path, reason: systemReason()) }
        var closed = false
        do throws(FileWriteError) {
            defer { if !closed { close(descriptor) } }
            let pause = ProcessInfo.processInfo.environment[testPauseVariable].flatMap(Double.init)
            let half = data.count / 2
            try writeAll(data[data.startIndex..<(data.startIndex + half)], to: descriptor, path: path)
            if let pause, pause > 0 { usleep(UInt32(min(pause, 60) * 1_000_000)) }
            try writeAll(data[(data.startIndex + half)...], to: descriptor, path: path)
            guard fsync(descriptor) == 0 else { throw FileWriteError(path: path, reason: systemReason()) }
            closed = true
            guard close(descriptor) == 0 else { throw FileWriteError(path: path, reason: systemReason()) }
            guard rename(temporary, path) == 0 else { throw FileWriteError(path: path, reason: systemReason()) }
        } catch {
            unlink(temporary)
            throw error
        }
        // Make the rename itself durable; some file systems refuse fsync on a folder, which is
        // harmless here.
        let folderDescriptor = open(folderPath.isEmpty ? "." : folderPath, O_RDONLY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            _ = fsync(folderDescriptor)
            close(folderDescriptor)
        }
        removeAbandonedTemporaryFiles(of: url)
    }

    /// Removes the temporary files that writers of `url` left when they were killed: those
    /// whose process no longer exists. A live writer's file is never touched.
    private static func removeAbandonedTemporaryFiles(of url: URL) {
        let folder = url.deletingLastPathComponent()
        let prefix = ".\(url.lastPathComponent).tmp-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path(percentEncoded: false)) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = name.dropFirst(prefix.count).split(separator: "-").first.flatMap({ Int32($0) }), pid > 0,
                  pid != getpid(), kill(pid, 0) == -1, errno == ESRCH
            else { continue }
            unlink(folder.appending(path: name, directoryHint: .notDirectory).path(percentEncoded: false))
        }
    }

    private static func writeAll(_ bytes: Data, to descriptor: Int32, path: String) throws(FileWriteError) {
        var failure: FileWriteError?
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = FileWriteError(path: path, reason: systemReason())
                    return
                }
                offset += written
            }
        }
        if let failure { throw failure }
    }

    private static func systemReason() -> String {
        String(cString: strerror(errno))
    }
}

/// `write(2)`, named so that it does not clash with ``AtomicFile/write(_:to:createFolder:)``.
@inline(__always)
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(descriptor, bytes, count)
    #elseif canImport(Musl)
    return Musl.write(descriptor, bytes, count)
    #else
    return Darwin.write(descriptor, bytes, count)
    #endif
}

/// A file that could not be written.
public struct FileWriteError: Error, Equatable, CustomStringConvertible {
    /// The path that could not be written.
    public var path: String
    /// The system's reason, such as "Permission denied".
    public var reason: String

    /// An error for `path`, with the system's `reason`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        "\(path): cannot write (\(reason)); expected a writable location"
    }
}
