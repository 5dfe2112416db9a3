import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension FileWriteError {
    /// An error for `path` from whatever a file operation threw, its reason in plain words: the
    /// system's message (such as "File exists") when the error carries one, else the error's
    /// localized description, on one line.
    ///
    /// ```swift
    /// do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
    /// catch { throw FileWriteError(path: folder.path, describing: error) }   // "…: cannot write (File exists); …"
    /// ```
    package init(path: String, describing error: any Error) {
        if let error = error as? FileWriteError {
            self = error
            return
        }
        let nsError = error as NSError
        let underlying = (nsError.userInfo[NSUnderlyingErrorKey] as? any Error).map { $0 as NSError }
        let reason: String
        if let posix = [nsError, underlying].compactMap({ $0 }).first(where: { $0.domain == NSPOSIXErrorDomain }) {
            reason = String(cString: strerror(Int32(posix.code)))
        } else {
            reason = nsError.localizedDescription
        }
        self.init(path: path, reason: reason.split(whereSeparator: \.isNewline).joined(separator: " "))
    }
}
