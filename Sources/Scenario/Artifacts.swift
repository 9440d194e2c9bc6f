import Foundation
import Harness

/// Where a scenario finds `<Name>.json`: the file's `artifacts:` folders in the order given,
/// then the folders of the registered plug-ins (PoR's `Fixtures/`), so that a file mixing its
/// own contracts with the shipped ones needs no folder of links. Each artifact is read once.
public final class ArtifactFolders {
    public let folders: [String]
    private var cache: [String: Artifact] = [:]

    public init(folders: [String]) {
        var seen = Set<String>()
        self.folders = folders.filter { seen.insert(($0 as NSString).standardizingPath).inserted }
    }

    /// The file of the first folder holding `<name>.json`.
    public func path(of name: String) -> String? {
        folders.lazy.map { $0 + "/\(name).json" }.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// The artifact `<name>.json` of the first folder holding it; a `FieldError` on `path`
    /// names the folders searched when none does.
    public func load(_ name: String, path: String, line: Int?) throws -> Artifact {
        guard let file = self.path(of: name) else {
            let available = Set(folders.flatMap { dir in
                ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
                    .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
            }).sorted()
            let searched = folders.isEmpty ? ": no artifact folder (give `artifacts:`)" : " in " + folders.joined(separator: ", ")
            throw FieldError(path: path, line: line, message: "no artifact '\(name)'\(searched)"
                             + (available.isEmpty ? "" : " (available: \(available.joined(separator: ", ")))"))
        }
        if let a = cache[file] { return a }
        do {
            let a = try Artifact.load(path: file)
            cache[file] = a
            return a
        } catch {
            throw FieldError(path: path, line: line, message: "\(error)")
        }
    }
}
