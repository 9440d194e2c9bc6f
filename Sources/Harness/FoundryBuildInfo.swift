import ABI
import Foundation
import Primitives

/// Foundry's `out/build-info/*.json`: every source of one compilation with its solc source id and
/// (usually) its text. A Foundry artifact names only its own file, so a source map that points
/// into an imported file (a library, an inherited contract) needs this to resolve those lines.
/// Two layouts are read: the Hardhat-compatible one (`output.sources[path].id`,
/// `input.sources[path].content`) and the newer `source_id_to_path` map.
enum FoundryBuildInfo {
    struct Compilation: Sendable {
        var files: [(id: Int, name: String)]
        var texts: [String: String]
    }

    /// At most this many build-info files are read per folder (each through `BoundedFile`).
    static let maxFiles = 64

    private static let lock = NSLock()
    nonisolated(unsafe) private static var cache: [String: [Compilation]] = [:]

    /// The compilation holding the artifact's own file under its id, from the `build-info`
    /// folder beside the artifact's `out/<File>.sol/` folder; nil when there is none.
    static func compilation(artifactDirectory: String?, id: Int, path: String) -> Compilation? {
        guard let dir = artifactDirectory else { return nil }
        let folder = ((dir as NSString).deletingLastPathComponent as NSString).appendingPathComponent("build-info")
        return compilations(in: folder).first { c in c.files.contains { $0.id == id && $0.name == path } }
    }

    static func compilations(in folder: String) -> [Compilation] {
        lock.lock()
        defer { lock.unlock() }
        if let known = cache[folder] { return known }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        let found = names.prefix(maxFiles).compactMap { name -> Compilation? in
            guard let bytes = try? BoundedFile.read((folder as NSString).appendingPathComponent(name)),
                  let root = try? JSONValue(parsing: bytes) else { return nil }
            return parse(root)
        }
        cache[folder] = found
        return found
    }

    /// One build-info document; nil when it names no source ids.
    static func parse(_ root: JSONValue) -> Compilation? {
        var files: [(id: Int, name: String)] = []
        if let byID = root["source_id_to_path"]?.object {
            for (key, value) in byID { if let id = Int(key), let name = value.string { files.append((id, name)) } }
        } else if let sources = root["output"]?["sources"]?.object {
            for (name, value) in sources { if let id = value["id"]?.int { files.append((id, name)) } }
        }
        guard !files.isEmpty else { return nil }
        var texts: [String: String] = [:]
        for (name, value) in root["input"]?["sources"]?.object ?? [:] { texts[name] = value["content"]?.string }
        return Compilation(files: files.sorted { $0.id < $1.id }, texts: texts)
    }
}
