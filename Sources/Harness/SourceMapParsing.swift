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
        // One pass over the bytes (a map has an entry per instruction: thousands of them).
        var bytes = Array(text.utf8)
        bytes.append(UInt8(ascii: ";"))
        // An empty field keeps the value of the entry before: `e` carries over.
        var e = Entry(offset: -1, length: -1, file: -1, jump: .regular)
        var field = 0, start = 0
        for i in 0..<bytes.count {
            let b = bytes[i]
            guard b == UInt8(ascii: ":") || b == UInt8(ascii: ";") else { continue }
            if i > start {
                let number = entries.count + 1
                switch field {
                case 0: e.offset = try field32(bytes[start..<i], name: "s", entry: number)
                case 1: e.length = try field32(bytes[start..<i], name: "l", entry: number)
                case 2: e.file = try field32(bytes[start..<i], name: "f", entry: number)
                case 3:
                    guard i - start == 1, let j = Jump(rawValue: String(UnicodeScalar(bytes[start]))) else {
                        throw HarnessError.invalidArtifact("source map entry \(number): jump '\(shown(bytes[start..<i]))' is not i, o or -")
                    }
                    e.jump = j
                case 4: _ = try field32(bytes[start..<i], name: "m", entry: number)
                default:
                    throw HarnessError.invalidArtifact("source map entry \(number) has more than 5 fields (s:l:f:j:m)")
                }
            }
            start = i + 1
            if b == UInt8(ascii: ":") {
                field += 1
                if field > 4 { throw HarnessError.invalidArtifact("source map entry \(entries.count + 1) has more than 5 fields (s:l:f:j:m)") }
                continue
            }
            guard entries.count < limit else {
                throw HarnessError.invalidArtifact("source map has more entries than the code has instructions (\(limit))")
            }
            entries.append(e)
            field = 0
        }
        return entries
    }

    /// At most 16 bytes of a bad field, printable on one line.
    private static func shown(_ s: ArraySlice<UInt8>) -> String {
        MessageText.printable(String(decoding: s.prefix(16), as: UTF8.self))
    }

    /// A non-negative decimal or -1, within Int32 (no source file or offset is larger).
    private static func field32(_ s: ArraySlice<UInt8>, name: String, entry: Int) throws -> Int32 {
        if s.count == 2 && s.first == UInt8(ascii: "-") && s.last == UInt8(ascii: "1") { return -1 }
        var v: Int64 = 0
        for c in s {
            guard c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"), v <= Int64(Int32.max) else {
                v = -1
                break
            }
            v = v * 10 + Int64(c - UInt8(ascii: "0"))
        }
        guard v >= 0, v <= Int64(Int32.max) else {
            throw HarnessError.invalidArtifact("source map entry \(entry): field \(name) '\(shown(s))' is not a number from -1 to \(Int32.max)")
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
    /// `texts` (file name → text, from a build-info) come before the metadata's and the disk's.
    static func fromSolc(map: String?, runtimeHex: String, references: [LinkReference], files: [(id: Int, name: String)],
                         metadata: JSONValue?, baseDirectory: String?, texts: [String: String] = [:]) -> SourceMap? {
        guard let map, !map.isEmpty, let code = walkableCode(runtimeHex, references: references) else { return nil }
        let sources = files.compactMap { f -> Source? in
            guard let text = sourceText(name: f.name, literal: texts[f.name] ?? literalContent(metadata: metadata, name: f.name),
                                        baseDirectory: baseDirectory) else { return nil }
            return Source(id: f.id, name: f.name, text: text)
        }
        guard !sources.isEmpty else { return nil }
        return try? SourceMap(compressed: map, code: code, sources: sources)
    }
}
