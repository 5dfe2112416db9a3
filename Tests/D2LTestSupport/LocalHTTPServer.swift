import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1, for download tests: it listens on a free port, answers
/// each GET with what `respond` says for the path, and closes the connection.
///
/// ```swift
/// let server = try LocalHTTPServer { path in path == "/data.txt" ? .ok(Data("1 2 3".utf8)) : .status(404) }
/// defer { server.stop() }
/// let url = server.url("data.txt")     // http://127.0.0.1:PORT/data.txt
/// ```
///
/// Besides ordinary answers it misbehaves on request: it can drop the connection halfway
/// through the body, send no length, or say nothing at all until stopped.
public final class LocalHTTPServer: @unchecked Sendable {
    /// An answer to one request.
    public enum Response: Sendable {
        /// 200 with the body and its `Content-Length`.
        case ok(Data)
        /// 200 announcing the whole body's length, then only its first half, then closing.
        case dropHalfway(Data)
        /// 200 with the body and no `Content-Length`: the end is when the connection closes.
        case withoutLength(Data)
        /// The status with a short text body.
        case status(Int)
        /// Nothing at all; the connection stays open until the server stops.
        case silence
    }

    /// The port it listens on.
    public let port: UInt16

    private let listener: Int32
    private let respond: @Sendable (_ path: String) -> Response
    private let lock = NSLock()
    private var requests: [String] = []
    private var heldConnections: [Int32] = []
    private var stopped = false
    private let finished = DispatchSemaphore(value: 0)

    /// Starts a server answering with `respond`.
    ///
    /// - Throws: `POSIXError` if no socket can be opened on 127.0.0.1.
    public init(respond: @escaping @Sendable (_ path: String) -> Response) throws {
        self.respond = respond
        #if canImport(Glibc) || canImport(Musl)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else {
            let code = errno
            close(descriptor)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        listener = descriptor
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit {
        stop()
    }

    /// `http://127.0.0.1:PORT/` followed by `path`.
    public func url(_ path: String = "") -> String {
        "http://127.0.0.1:\(port)/\(path)"
    }

    /// The paths requested so far, in order.
    public var requestedPaths: [String] {
        lock.lock()
        defer { lock.unlock() }
        return requests
    }

    /// Stops listening, closes held connections and waits for the server thread to end.
    public func stop() {
        lock.lock()
        guard !stopped else {
            lock.unlock()
            return
        }
        stopped = true
        let held = heldConnections
        heldConnections = []
        lock.unlock()
        shutdown(listener, Int32(SHUT_RDWR))
        for connection in held {
            shutdown(connection, Int32(SHUT_RDWR))
            close(connection)
        }
        finished.wait()
        close(listener)
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    private func acceptLoop() {
        defer { finished.signal() }
        while !isStopped {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR { continue }
                return
            }
            handle(connection)
        }
    }

    private func handle(_ connection: Int32) {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var request = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !request.containsHeaderEnd {
            let count = recv(connection, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            request += buffer[0..<count]
        }
        let line = String(decoding: request.prefix { $0 != UInt8(ascii: "\r") }, as: UTF8.self)
        let parts = line.split(separator: " ")
        let path = parts.count >= 2 ? String(parts[1]) : "/"
        lock.lock()
        requests.append(path)
        lock.unlock()
        switch respond(path) {
        case .ok(let body):
            send(connection, header(status: 200, length: body.count) + body)
        case .dropHalfway(let body):
            send(connection, header(status: 200, length: body.count) + body.prefix(body.count / 2))
        case .withoutLength(let body):
            send(connection, header(status: 200, length: nil) + body)
        case .status(let code):
            let body = Data("status \(code)\n".utf8)
            send(connection, header(status: code, length: body.count) + body)
        case .silence:
            lock.lock()
            if stopped {
                lock.unlock()
            } else {
                heldConnections.append(connection)
                lock.unlock()
                return
            }
        }
        shutdown(connection, Int32(SHUT_RDWR))
        close(connection)
    }

    private func header(status: Int, length: Int?) -> Data {
        let reason = [200: "OK", 404: "Not Found", 500: "Internal Server Error"][status] ?? "Status"
        var text = "HTTP/1.1 \(status) \(reason)\r\nConnection: close\r\nContent-Type: application/octet-stream\r\n"
        if let length { text += "Content-Length: \(length)\r\n" }
        return Data((text + "\r\n").utf8)
    }

    private func send(_ connection: Int32, _ data: Data) {
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                #if os(Linux)
                let sent = Glibc.send(connection, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                #else
                let sent = Darwin.send(connection, buffer.baseAddress! + offset, buffer.count - offset, 0)
                #endif
                guard sent > 0 else { return }
                offset += sent
            }
        }
    }
}

extension Array where Element == UInt8 {
    fileprivate var containsHeaderEnd: Bool {
        count >= 4 && (0...(count - 4)).contains { self[$0] == 13 && self[$0 + 1] == 10 && self[$0 + 2] == 13 && self[$0 + 3] == 10 }
    }
}
