import Foundation
import Testing
import ABI
import Primitives
import UInt256
@testable import Fuzzer

/// `--corpus DIR` on disk: one file per distinct sequence, named by content, bad files skipped.
struct CorpusStoreTests {
    static func folder() -> String { NSTemporaryDirectory() + "porvm-corpus-\(UUID().uuidString)" }

    static let a = CallSequence([.call("t", "b(uint256)", args: [.uint(U256(7))], from: "alice"), .warp(3600)])
    static let b = CallSequence([.call("t", "a()", args: [], from: "bob", value: U256(5)), .roll(2),
                                 .call("t", "c(uint256)", args: [.uint(U256(1).shiftedLeft(byBits: 255))], from: "alice")])

    func jsonFiles(_ dir: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".json") }.sorted()
    }

    @Test func roundTripAndDedup() throws {
        let dir = Self.folder()
        let store = try CorpusStore(dir)   // created when missing
        #expect(try store.save(Self.a))
        #expect(try store.save(Self.b))
        #expect(try store.save(Self.a) == false)            // same content, same file
        #expect(try CorpusStore(dir).save([Self.a, Self.b]) == 0)
        let files = try jsonFiles(dir)
        #expect(files.count == 2)
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).count == 2)
        // Each name is the Keccak-256 of the file's JSON (without the final newline).
        for f in files {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + f))
            #expect(bytes.last == UInt8(ascii: "\n"))
            #expect(Hex.encode(Keccak256.hash([UInt8](bytes.dropLast())), prefix: false) + ".json" == f)
        }
        let (loaded, warnings) = try store.load()
        #expect(warnings.isEmpty)
        #expect(Set(loaded.map { $0.calls.map(\.text) }) == Set([Self.a, Self.b].map { $0.calls.map(\.text) }))
        #expect(loaded.contains(Self.a) && loaded.contains(Self.b))
    }

    @Test func malformedFilesAreSkippedWithAWarningNamingThem() throws {
        let dir = Self.folder()
        let store = try CorpusStore(dir)
        try store.save(Self.a)
        let bad: [(String, String)] = [
            ("garbage.json", "{not json"),
            ("wrongtype.json", "{\"calls\": 7}"),
            ("badkind.json", "{\"calls\": [{\"kind\": \"jump\"}]}"),
            ("badvalue.json", "{\"calls\": [{\"kind\": \"call\", \"args\": [{\"uint\": \"-1\"}]}]}"),
            ("empty.json", ""),
        ]
        for (name, text) in bad { try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/" + name)) }
        // Too large, a folder with a .json name, and files that are not .json (ignored without a word).
        try Data(repeating: 0x20, count: CorpusStore.maxFileBytes + 1).write(to: URL(fileURLWithPath: dir + "/big.json"))
        try FileManager.default.createDirectory(atPath: dir + "/sub.json", withIntermediateDirectories: false)
        try Data("x".utf8).write(to: URL(fileURLWithPath: dir + "/notes.txt"))
        let long = CallSequence(Array(repeating: .warp(1), count: CorpusStore.maxCalls + 1))
        try store.save(long)
        let (loaded, warnings) = try store.load()
        #expect(loaded == [Self.a])
        for name in bad.map(\.0) + ["big.json", "sub.json", try CorpusStore.fileName(long)] {
            #expect(warnings.filter { $0.contains(name) }.count == 1, "\(name): \(warnings)")
        }
        #expect(warnings.count == bad.count + 3)
        #expect(!warnings.contains { $0.contains("notes.txt") })
    }

    @Test func aFileIsNotAFolder() throws {
        let path = Self.folder()
        try Data("x".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: CorpusStoreError.self) { try CorpusStore(path) }
    }

    @Test func concurrentWritersOfOneFolder() throws {
        // Four writers saving the same and their own sequences at once: one file per distinct sequence.
        let dir = Self.folder()
        _ = try CorpusStore(dir)
        DispatchQueue.concurrentPerform(iterations: 4) { w in
            guard let store = try? CorpusStore(dir) else { return }
            for i in 0..<25 {
                _ = try? store.save(CallSequence([.warp(UInt64(i))]))          // shared by all writers
                _ = try? store.save(CallSequence([.roll(UInt64(w * 100 + i))]))  // the writer's own
            }
        }
        #expect(try jsonFiles(dir).count == 25 + 4 * 25)
        let (loaded, warnings) = try CorpusStore(dir).load()
        #expect(warnings.isEmpty && loaded.count == 125)
    }
}
