import D2LDatasets
import Foundation

/// libFuzzer's entry point: read the bytes as a download URL, and as a path under a fixed one,
/// and decide the cache file name as `d2l data fetch` does. A refusal is the expected answer to
/// most inputs; a name that is accepted must be one plain name that stays in the cache folder,
/// and a trap or a message spanning lines is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDownloadURL(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    for candidate in [text, "http://127.0.0.1:1/" + text] {
        let name: String
        do {
            name = try CacheFileName.name(forURL: candidate)
        } catch {
            precondition(!error.description.contains(where: \.isNewline), "a message spans lines: \(error)")
            continue
        }
        precondition(!name.isEmpty && name != "." && name != ".." && !name.hasPrefix("."), "accepted \(name.debugDescription)")
        precondition(
            !name.unicodeScalars.contains {
                $0 == "/" || $0 == "\\" || [.control, .format, .lineSeparator, .paragraphSeparator].contains($0.properties.generalCategory)
            },
            "accepted \(name.debugDescription)"
        )
        let file = URL(filePath: "/cache/", directoryHint: .isDirectory).appending(path: name, directoryHint: .notDirectory)
        precondition(file.path(percentEncoded: false) == "/cache/" + name, "\(name.debugDescription) leads to \(file.path)")
        precondition(file.standardizedFileURL.deletingLastPathComponent().path(percentEncoded: false) == "/cache/", "\(file.path) leaves /cache")
    }
    return 0
}
