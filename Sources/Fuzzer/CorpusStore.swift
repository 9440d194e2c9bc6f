import Foundation
import Primitives
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a corpus folder cannot be used at all (exit 2 in the tool); a bad file in it is a warning.
public struct CorpusStoreError: Error, CustomStringConvertible {
    public var description: String
}

/// A corpus on disk (`--corpus DIR`): one JSON file per sequence, named by the Keccak-256 of its
/// canonical JSON, so equal sequences found by different runs or machines share one file. Files
/// are written to a temporary name and renamed, so shards writing one shared folder never see a
/// half-written file. The folder is shared, so one bad file is skipped with a warning rather
/// than stopping the campaign.
public struct CorpusStore {
    public let directory: String
    /// Largest sequence file read (a sequence of `maxCalls` calls with long arguments fits).
    public static let maxFileBytes = 1 << 20
    /// Most sequence files loaded (the first, by name: hash order, so a random sample).
    public static let maxFiles = 10_000
    /// Longest sequence loaded.
    public static let maxCalls = 1_000

    /// Opens `directory`, creating it when missing; throws when it is not a usable folder.
    public init(_ directory: String) throws {
        self.directory = directory
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDir) {
            guard isDir.boolValue else { throw CorpusStoreError(description: "corpus '\(directory)' is not a folder") }
        } else {
            do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
                throw CorpusStoreError(description: "cannot create the corpus folder '\(directory)'")
            }
        }
        guard FileManager.default.isReadableFile(atPath: directory), FileManager.default.isWritableFile(atPath: directory) else {
            throw CorpusStoreError(description: "corpus folder '\(directory)' is not readable and writable")
        }
    }

    /// The canonical JSON of a sequence (sorted keys, no spaces): what is hashed and stored.
    public static func canonical(_ s: CallSequence) throws -> Data {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try enc.encode(s)
    }

    /// `<keccak-256 hex>.json`.
    public static func fileName(_ s: CallSequence) throws -> String {
        Hex.encode(Keccak256.hash([UInt8](try canonical(s))), prefix: false) + ".json"
    }

    /// The sequences in the folder, in file-name order, and one warning per file skipped.
    public func load() throws -> (sequences: [CallSequence], warnings: [String]) {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw CorpusStoreError(description: "cannot list the corpus folder '\(directory)'")
        }
        var files = names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
        var warnings: [String] = []
        if files.count > Self.maxFiles {
            warnings.append("corpus '\(directory)': \(files.count) files, only the first \(Self.maxFiles) by name are loaded")
            files = Array(files.prefix(Self.maxFiles))
        }
        var out: [CallSequence] = []
        let dec = JSONDecoder()
        for name in files {
            let path = (directory as NSString).appendingPathComponent(name)
            // A FIFO or device in a shared folder must not block or flood the load.
            guard let attrs = try? FileManager.default.attributesOfItem(atPath: path),
                  attrs[.type] as? FileAttributeType == .typeRegular else {
                warnings.append("corpus: skipped '\(path)': not a regular file"); continue
            }
            do {
                let bytes = try BoundedFile.read(path, limit: Self.maxFileBytes)
                let s = try dec.decode(CallSequence.self, from: Data(bytes))
                guard s.calls.count <= Self.maxCalls else {
                    warnings.append("corpus: skipped '\(path)': \(s.calls.count) calls, more than \(Self.maxCalls)"); continue
                }
                out.append(s)
            } catch let e as BoundedFile.Failure {
                warnings.append("corpus: skipped \(e)")
            } catch {
                warnings.append("corpus: skipped '\(path)': not a call sequence (\(Self.reason(error)))")
            }
        }
        return (out, warnings)
    }

    /// Writes `s` unless a file of the same content is there; returns whether it wrote one.
    @discardableResult
    public func save(_ s: CallSequence) throws -> Bool {
        let data = try Self.canonical(s)
        let name = Hex.encode(Keccak256.hash([UInt8](data)), prefix: false) + ".json"
        let path = (directory as NSString).appendingPathComponent(name)
        if FileManager.default.fileExists(atPath: path) { return false }
        let temp = (directory as NSString).appendingPathComponent(".tmp-\(UUID().uuidString)")
        do {
            try (data + Data("\n".utf8)).write(to: URL(fileURLWithPath: temp))
            // rename(2) replaces atomically: a concurrent writer of the same name wrote the same bytes.
            guard rename(temp, path) == 0 else { throw CorpusStoreError(description: "rename failed") }
        } catch {
            try? FileManager.default.removeItem(atPath: temp)
            throw CorpusStoreError(description: "cannot write '\(path)' in the corpus folder")
        }
        return true
    }

    /// Writes every sequence of `sequences`; returns how many were new files.
    @discardableResult
    public func save(_ sequences: [CallSequence]) throws -> Int {
        try sequences.reduce(0) { $0 + (try save($1) ? 1 : 0) }
    }

    /// A decoding error in one line (the field path and what was wrong).
    static func reason(_ error: Error) -> String {
        guard let e = error as? DecodingError else { return "\(error)" }
        func path(_ c: DecodingError.Context) -> String {
            let p = c.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
            return (p.isEmpty ? "" : "at \(p): ") + c.debugDescription
        }
        switch e {
        case .dataCorrupted(let c): return path(c)
        case .keyNotFound(let k, let c): return path(c) + " (missing '\(k.stringValue)')"
        case .typeMismatch(_, let c), .valueNotFound(_, let c): return path(c)
        @unknown default: return "\(e)"
        }
    }
}
