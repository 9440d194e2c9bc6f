import Testing
import Foundation
import Harness
import Primitives

/// solc's compressed source maps (Solidity docs, "Source Mappings") and where artifacts carry them.
@Suite struct SourceMapTests {
    // The docs' example: "1:2:1;1:9:1;2:1:2;2:1:2;2:1:2" compresses to "1:2:1;:9;2:1:2;;".
    static let full = "1:2:1;1:9:1;2:1:2;2:1:2;2:1:2"
    static let compressed = "1:2:1;:9;2:1:2;;"
    // PUSH1 0x80, PUSH1 0x40, MSTORE, CALLVALUE, DUP1: instructions at pcs 0, 2, 4, 5, 6.
    static let code: [UInt8] = [0x60, 0x80, 0x60, 0x40, 0x52, 0x34, 0x80]
    static let sources = [SourceMap.Source(id: 1, name: "a.sol", text: "x\nabcdefghijk\n"),
                          SourceMap.Source(id: 2, name: "b.sol", text: "ab\r\ncd")]

    @Test func docsExampleCompressedAndFullAgree() throws {
        let a = try SourceMap(compressed: Self.compressed, code: Self.code, sources: Self.sources)
        let b = try SourceMap(compressed: Self.full, code: Self.code, sources: Self.sources)
        #expect(a.count == 5)
        for pc in 0..<Self.code.count { #expect(a.location(pc: pc) == b.location(pc: pc)) }
    }

    @Test func instructionIndexIsNotPC() throws {
        let map = try SourceMap(compressed: Self.compressed, code: Self.code, sources: Self.sources)
        // pc 0: entry 0 = 1:2:1, offset 1 of "x\nabc…" is the line break ending line 1.
        let first = try #require(map.location(pc: 0))
        #expect((first.file, first.line, first.column, first.length, first.lineText) == ("a.sol", 1, 2, 2, "x"))
        // pc 2 is the second instruction: entry 1 = 1:9:1.
        let second = try #require(map.location(pc: 2))
        #expect((second.offset, second.length) == (1, 9))
        // PUSH data is no instruction.
        #expect(map.location(pc: 1) == nil)
        #expect(map.location(pc: 3) == nil)
        // pcs 4, 5, 6: entries 2…4 = 2:1:2, offset 2 of "ab\r\ncd" is line 1 column 3 ("\r" dropped).
        for pc in 4...6 {
            let l = try #require(map.location(pc: pc))
            #expect((l.file, l.line, l.column, l.lineText) == ("b.sol", 1, 3, "ab"))
        }
        #expect(map.location(pc: 7) == nil)
        #expect(map.location(pc: -1) == nil)
    }

    @Test func jumpsAndUnknownFiles() throws {
        let map = try SourceMap(compressed: "0:1:1:i;:::o;-1:-1:-1:-;5:1:7", code: [0x56, 0x56, 0x00, 0x00], sources: Self.sources)
        #expect(map.location(pc: 0)?.jump == .into)
        #expect(map.location(pc: 1)?.jump == .out)
        #expect(map.location(pc: 2) == nil)   // compiler-generated: file -1
        #expect(map.location(pc: 3) == nil)   // file 7 has no text
    }

    @Test(arguments: ["1:2:x", "1:2:1:q", "1:2:1:-:0:9", "99999999999:1:1", "-2:1:1", "1:2:1;1:2:1;1:2:1;1:2:1;1:2:1;1:2:1", "+1:2:1", "1 :2:1", "1:2:1:\n", "1:\n2:1"])
    func malformedMapsAreOneLineErrors(_ text: String) throws {
        do {
            _ = try SourceMap(compressed: text, code: Self.code, sources: Self.sources)
            Issue.record("accepted \(text)")
        } catch let error as HarnessError {
            #expect(!"\(error)".contains("\n"))
        }
    }

    @Test func foundryArtifactWithLiteralSources() throws {
        let text = "contract C {\n  function f() public {}\n}\n"
        let json = """
        {"abi": [], "bytecode": {"object": "0x00"}, "deployedBytecode": {"object": "0x6001600055", "sourceMap": "0:40:3:-;15:22:3"},
         "id": 3, "ast": {"absolutePath": "src/C.sol"},
         "metadata": {"compiler": {"version": "0.8.26"}, "sources": {"src/C.sol": {"content": \(String(reflecting: text))}}}}
        """
        let a = try Artifact.parse(json: json, nameHint: "C")
        let map = try #require(a.sourceMap)
        #expect(map.location(pc: 0)?.line == 1)
        let f = try #require(map.location(pc: 2))
        #expect((f.file, f.line, f.column, f.lineText) == ("src/C.sol", 2, 3, "  function f() public {}"))
    }

    @Test func foundryArtifactReadsSourceFromTheProject() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("srcmap-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("src"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("out/C.sol"), withIntermediateDirectories: true)
        try "contract C {\n  uint x;\n}\n".write(to: root.appendingPathComponent("src/C.sol"), atomically: true, encoding: .utf8)
        let json = """
        {"abi": [], "bytecode": {"object": "0x00"}, "deployedBytecode": {"object": "0x6001", "sourceMap": "15:7:0"},
         "id": 0, "ast": {"absolutePath": "src/C.sol"}}
        """
        let path = root.appendingPathComponent("out/C.sol/C.json").path
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        let l = try #require(try Artifact.load(path: path).sourceMap?.location(pc: 0))
        #expect((l.line, l.column, l.lineText) == (2, 3, "  uint x;"))
    }

    /// A map entry in an imported file (id 0, a library) resolves through `out/build-info/`, in
    /// both layouts Foundry writes; the artifact alone names only its own file (id 1).
    @Test(arguments: [true, false])
    func foundryImportedFilesResolveThroughBuildInfo(hardhatLayout: Bool) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("buildinfo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for dir in ["src", "out/C.sol", "out/build-info"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(dir), withIntermediateDirectories: true)
        }
        let lib = "library L {\n  function g() internal {}\n}\n", contract = "import './L.sol';\ncontract C {\n  uint x;\n}\n"
        // Two instructions (PUSH1 1, SSTORE): the first in L.sol at "function g", the second in C.sol at "uint x".
        let artifact = """
        {"abi": [], "bytecode": {"object": "0x00"}, "deployedBytecode": {"object": "0x600155", "sourceMap": "14:23:0;33:7:1"},
         "id": 1, "ast": {"absolutePath": "src/C.sol"}}
        """
        try artifact.write(toFile: root.appendingPathComponent("out/C.sol/C.json").path, atomically: true, encoding: .utf8)
        let info: String
        if hardhatLayout {
            info = """
            {"id": "abc", "_format": "ethers-rs-sol-build-info-1",
             "input": {"sources": {"src/L.sol": {"content": \(JSONText.quoted(lib))}, "src/C.sol": {"content": \(JSONText.quoted(contract))}}},
             "output": {"sources": {"src/L.sol": {"id": 0}, "src/C.sol": {"id": 1}}}}
            """
        } else {
            // The newer layout numbers the files; the texts come from the project.
            info = #"{"id": "abc", "source_id_to_path": {"0": "src/L.sol", "1": "src/C.sol"}}"#
            try lib.write(to: root.appendingPathComponent("src/L.sol"), atomically: true, encoding: .utf8)
            try contract.write(to: root.appendingPathComponent("src/C.sol"), atomically: true, encoding: .utf8)
        }
        try info.write(toFile: root.appendingPathComponent("out/build-info/abc.json").path, atomically: true, encoding: .utf8)
        let map = try #require(try Artifact.load(path: root.appendingPathComponent("out/C.sol/C.json").path).sourceMap)
        let inLib = try #require(map.location(pc: 0))
        #expect((inLib.file, inLib.line, inLib.column, inLib.lineText) == ("src/L.sol", 2, 3, "  function g() internal {}"))
        let inContract = try #require(map.location(pc: 2))
        #expect((inContract.file, inContract.line, inContract.column, inContract.lineText) == ("src/C.sol", 3, 3, "  uint x;"))
    }

    @Test func malformedMapInAnArtifactLeavesItLoadable() throws {
        let json = """
        {"abi": [], "bytecode": {"object": "0x00"}, "deployedBytecode": {"object": "0x00", "sourceMap": "0:1:0;0:1:0;zz"},
         "id": 0, "ast": {"absolutePath": "C.sol"}, "metadata": {"sources": {"C.sol": {"content": "x"}}}}
        """
        let a = try Artifact.parse(json: json, nameHint: "C")
        #expect(a.sourceMap == nil)
    }

    @Test func standardJSONOutputNumbersSourcesByID() throws {
        let json = """
        {"sources": {"a.sol": {"id": 0}, "b.sol": {"id": 1}},
         "contracts": {"b.sol": {"B": {"abi": [], "metadata": "{\\"sources\\": {\\"b.sol\\": {\\"content\\": \\"one\\\\ntwo\\"}}}",
           "evm": {"bytecode": {"object": "00"}, "deployedBytecode": {"object": "5f00", "sourceMap": "4:3:1;0:1:0"}}}}}}
        """
        let a = try Artifact.parse(json: json, contract: "B", nameHint: "out")
        let map = try #require(a.sourceMap)
        #expect(map.location(pc: 0).map { ($0.file, $0.line, $0.lineText) } ?? ("", 0, "") == ("b.sol", 2, "two"))
        #expect(map.location(pc: 1) == nil)   // a.sol's text is not known
    }
}

/// The real solc artifacts in ../shared carry no source map (only `object` hex): opcodes only.
@Suite(.enabled(if: Artifacts.available, Artifacts.skipMessage))
struct SharedArtifactSourceMapTests {
    @Test func sharedArtifactsHaveNoSourceMap() throws {
        let a = try Artifacts.load("MockV3Aggregator")
        #expect(a.sourceMap == nil)
        #expect(try Artifacts.json("MockV3Aggregator")["deployedBytecode"]?["sourceMap"] == nil)
    }
}
