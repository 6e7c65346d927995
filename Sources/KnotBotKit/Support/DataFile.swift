public import Foundation

/// A data file's path and text, read once.
public struct DataFile: Sendable {
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// Reads a UTF-8 file, turning any failure into a typed I/O error that names the path.
    public static func read(_ url: URL) throws(KnotBotError) -> DataFile {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .io(path: url.path, reason: Self.reason(for: url))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .invalidData([
                Diagnostic(file: url.path, line: nil, message: "is not valid UTF-8 text")
            ])
        }
        return DataFile(path: url.path, text: text)
    }

    /// Lists the `.yaml` files of a folder in name order, so loading is deterministic.
    public static func yamlFiles(in folder: URL) throws(KnotBotError) -> [URL] {
        try files(in: folder, extension: "yaml")
    }

    /// The files of a folder whose names end in `.extension`, sorted, hidden files left out.
    public static func files(in folder: URL, extension suffix: String) throws(KnotBotError) -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else {
            throw .io(path: folder.path, reason: "no such folder")
        }
        guard isDirectory.boolValue else {
            throw .io(path: folder.path, reason: "is not a folder")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw .io(path: folder.path, reason: "cannot be read (check its permissions)")
        }
        return
            names
            .filter { $0.hasSuffix("." + suffix) && !$0.hasPrefix(".") }
            .sorted()
            .map { folder.appendingPathComponent($0) }
    }

    private static func reason(for url: URL) -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            return "no such file"
        }
        if isDirectory.boolValue {
            return "is a folder, not a file"
        }
        return "cannot be read (check its permissions)"
    }
}
