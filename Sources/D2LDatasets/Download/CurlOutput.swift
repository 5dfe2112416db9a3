import Foundation

/// What one run of ``CurlTransfer``'s `curl` left behind, read as a download's result.
///
/// Standard output holds the body, then a line feed and the trailer `STATUS SIZE` (the HTTP
/// status and the bytes received, from `--write-out`); standard error holds curl's one-line
/// error, `curl: (N) message`.
struct CurlOutput {
    /// curl's exit status: 0, or one of its error codes.
    var status: Int32
    /// The body followed by the trailer line.
    var standardOutput: Data
    /// curl's error message, if any.
    var standardError: Data

    /// curl's exit status for a body that ended before its announced length.
    private static let partialFile: Int32 = 18
    /// curl's exit status for a connection or an idle transfer that ran out of time.
    private static let operationTimedOut: Int32 = 28

    /// The body of a complete 200 response.
    ///
    /// - Parameters:
    ///   - url: The URL as the user gave it, for the errors.
    ///   - timeout: The seconds curl was given, for ``DownloadError/timedOut(url:seconds:)``.
    /// - Throws: ``DownloadError/timedOut(url:seconds:)``, ``DownloadError/truncated(url:received:expected:)``,
    ///   ``DownloadError/httpStatus(url:status:)`` or ``DownloadError/transferFailed(url:reason:)``.
    func body(url: String, timeout: Double) throws(DownloadError) -> Data {
        let (body, trailer) = splitTrailer()
        switch status {
        case 0:
            break
        case Self.operationTimedOut:
            throw .timedOut(url: url, seconds: timeout)
        case Self.partialFile:
            if let received = trailer?.size, let remaining = remainingBytes {
                throw .truncated(url: url, received: received, expected: received + remaining)
            }
            throw .transferFailed(url: url, reason: reason)
        default:
            throw .transferFailed(url: url, reason: reason)
        }
        guard let httpStatus = trailer?.httpStatus, httpStatus > 0 else {
            throw .transferFailed(url: url, reason: "the answer was not HTTP")
        }
        guard httpStatus == 200 else { throw .httpStatus(url: url, status: httpStatus) }
        return body
    }

    /// The body and the parsed trailer; the trailer is `nil` when the last line is not one.
    private func splitTrailer() -> (body: Data, trailer: (httpStatus: Int, size: Int)?) {
        guard let lineFeed = standardOutput.lastIndex(of: UInt8(ascii: "\n")) else { return (standardOutput, nil) }
        let fields = String(decoding: standardOutput[(lineFeed + 1)...], as: UTF8.self).split(separator: " ")
        guard fields.count == 2, let httpStatus = Int(fields[0]), let size = Int(fields[1]) else {
            return (standardOutput, nil)
        }
        return (standardOutput[..<lineFeed], (httpStatus, size))
    }

    /// The bytes curl says were still to come when the connection closed.
    private var remainingBytes: Int? {
        guard let match = reason.firstMatch(of: #/transfer closed with (\d+) bytes? remaining/#) else { return nil }
        return Int(match.1)
    }

    /// curl's message on one line, without its `curl: (N) ` prefix or the connection's timing.
    private var reason: String {
        let text = String(decoding: standardError, as: UTF8.self)
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        // curl's "Failed to connect to HOST port N after 0 ms: …": the timing says nothing useful.
        let message = line.replacing(#/^curl: \(\d+\) /#, with: "").replacing(#/ after \d+ ms/#, with: "")
        return message.isEmpty ? "curl stopped with exit status \(status)" : message
    }
}
