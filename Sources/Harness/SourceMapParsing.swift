import Foundation
import Primitives
import ABI

/// Decoding solc's compressed source maps and finding the map and sources in an artifact.
extension SourceMap {
    /// solc's compressed form (Solidity docs, "Source Mappings"): entries `s:l:f:j[:m]`
    /// separated by `;`, one per instruction; an empty field, or a missing trailing one,
    /// repeats the previous entry's value. `m` (modifier depth) is checked and dropped.
    /// At most `limit` entries (the instruction count bounds a valid map).
    static func decode(_ text: String, limit: Int = Int.max) throws -> [Entry] {
        var entries: [Entry] = []
        guard !text.isEmpty else { return entries }
        var previous = Entry(offset: -1, length: -1, file: -1, jump: .regular)
        var number = 0
        for item in text.split(separator: ";", omittingEmptySubsequences: false) {
            number += 1
            if number > limit {
                throw HarnessError.invalidArtifact("source map has more entries than the code has instructions (\(limit))")
            }
            let fields = item.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count <= 5 else {
                throw HarnessError.invalidArtifact("source map entry \(number) has \(fields.count) fields (at most 5: s:l:f:j:m)")
            }
            var e = previous
            for (k, field) in fields.enumerated() where !field.isEmpty {
                switch k {
                case 0: e.offset = try field32(field, name: "s", entry: number)
                case 1: e.length = try field32(field, name: "l", entry: number)
                case 2: e.file = try field32(field, name: "f", entry: number)
                case 3:
                    guard let j = Jump(rawValue: String(field)) else {
                        throw HarnessError.invalidArtifact("source map entry \(number): jump '\(field.prefix(16))' is not i, o or -")
                    }
                    e.jump = j
                default: _ = try field32(field, name: "m", entry: number)
                }
            }
            entries.append(e)
            previous = e
        }
        return entries
    }

    /// A non-negative decimal or -1, within Int32 (no source file or offset is larger).
    private static func field32(_ s: Substring, name: String, entry: Int) throws -> Int32 {
        if s == "-1" { return -1 }
        guard s.count <= 10, s.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let v = Int64(s), v <= Int64(Int32.max) else {
            throw HarnessError.invalidArtifact("source map entry \(entry): field \(name) '\(s.prefix(16))' is not a number from -1 to \(Int32.max)")
        }
        return Int32(truncatingIfNeeded: v)
    }

    /// Code bytes to walk instructions over: library placeholders (inside PUSH20 data) read as zeros.
    static func walkableCode(_ hex: String, references: [LinkReference]) -> [UInt8]? {
        var chars = Array(hex.utf8)
        for p in Artifact.placeholders(in: hex, references: references) {
            for j in p.position..<(p.position + 40) { chars[j] = UInt8(ascii: "0") }
        }
        return Hex.decode(String(decoding: chars, as: UTF8.self))
    }

    /// Our `Fixtures/` form: `sourceMap: {deployedSourceMap, sources: [{id, name, content}]}`.
    static func fromFixture(_ v: JSONValue?, runtimeHex: String) -> SourceMap? {
        guard let v, let map = v["deployedSourceMap"]?.string, let list = v["sources"]?.array,
              let code = walkableCode(runtimeHex, references: []) else { return nil }
        let sources = list.compactMap { s -> Source? in
            guard let id = s["id"]?.int, let name = s["name"]?.string, let text = s["content"]?.string else { return nil }
            return Source(id: id, name: name, text: text)
        }
        return try? SourceMap(compressed: map, code: code, sources: sources)
    }

    /// Reads a source's text: literal content when the artifact has it, else the file found
    /// under `baseDirectory` or one of its parents (a Foundry `out/` sits in the project root).
    static func sourceText(name: String, literal: String?, baseDirectory: String?) -> String? {
        if let literal { return literal }
        guard var dir = baseDirectory, !name.isEmpty else { return nil }
        for _ in 0..<6 {
            let candidate = name.hasPrefix("/") ? name : dir + "/" + name
            if let text = try? BoundedFile.readText(candidate) { return text }
            let parent = (dir as NSString).deletingLastPathComponent
            if parent == dir || parent.isEmpty { break }
            dir = parent
        }
        return nil
    }

    /// solc metadata's `sources[name].content` (present with `useLiteralContent`).
    static func literalContent(metadata: JSONValue?, name: String) -> String? {
        guard let metadata else { return nil }
        var m = metadata
        if let s = metadata.string, let parsed = try? JSONValue(parsing: s) { m = parsed }
        return m["sources"]?[name]?["content"]?.string
    }

    /// A solc map with sources given as (id, name) pairs, each text from the artifact or disk;
    /// nil when there is no map, no source text, or the map is malformed.
    static func fromSolc(map: String?, runtimeHex: String, references: [LinkReference], files: [(id: Int, name: String)],
                         metadata: JSONValue?, baseDirectory: String?) -> SourceMap? {
        guard let map, !map.isEmpty, let code = walkableCode(runtimeHex, references: references) else { return nil }
        let sources = files.compactMap { f -> Source? in
            guard let text = sourceText(name: f.name, literal: literalContent(metadata: metadata, name: f.name),
                                        baseDirectory: baseDirectory) else { return nil }
            return Source(id: f.id, name: f.name, text: text)
        }
        guard !sources.isEmpty else { return nil }
        return try? SourceMap(compressed: map, code: code, sources: sources)
    }
}
