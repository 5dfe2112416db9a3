import Foundation

/// Locations of the committed reference files and the shared data.
public enum Fixtures {
    /// The package's root folder (the one holding Package.swift).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.pathComponents.count > 1 {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// `Tests/Fixtures/<path>`.
    public static func url(_ path: String) -> URL {
        packageRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(path)
    }

    /// Decodes the JSON file `Tests/Fixtures/<path>`.
    public static func decode<Value: Decodable>(_ type: Value.Type, from path: String) throws -> Value {
        try JSONDecoder().decode(type, from: Data(contentsOf: url(path)))
    }

    /// Every file name in `Tests/Fixtures/<folder>` with the given extension, sorted.
    public static func files(in folder: String, extension pathExtension: String = "json") throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url(folder).path)
            .filter { $0.hasSuffix("." + pathExtension) }
            .sorted()
    }
}
