import Testing
import EVM
import ABI
import Primitives
import UInt256
@testable import Harness

@Suite struct ArtifactTests {
    static let abiJSON = #"[{"type":"function","name":"x","inputs":[],"outputs":[{"name":"","type":"uint256"}],"stateMutability":"view"}]"#
    // Runtime: return 42. Creation: copy the 10-byte runtime and return it.
    static let runtime = "602a60005260206000f3"
    static let creation = "600a600c600039600a6000f3" + runtime

    @Test func foundryHardhatFixtureSolcVyper() throws {
        let foundry = #"{"abi":\#(Self.abiJSON),"bytecode":{"object":"0x\#(Self.creation)","linkReferences":{}},"deployedBytecode":{"object":"0x\#(Self.runtime)"}}"#
        let hardhat = #"{"_format":"hh-sol-artifact-1","contractName":"X","sourceName":"contracts/X.sol","abi":\#(Self.abiJSON),"bytecode":"0x\#(Self.creation)","deployedBytecode":"0x\#(Self.runtime)","linkReferences":{},"deployedLinkReferences":{}}"#
        let fixture = #"{"contractName":"X","abi":\#(Self.abiJSON),"bytecode":"0x\#(Self.creation)","deployedBytecode":"0x\#(Self.runtime)","compiler":"0.8.19"}"#
        let standard = #"{"contracts":{"src/X.sol":{"X":{"abi":\#(Self.abiJSON),"evm":{"bytecode":{"object":"\#(Self.creation)","linkReferences":{}},"deployedBytecode":{"object":"\#(Self.runtime)"}}}}},"sources":{}}"#
        let combined = #"{"contracts":{"src/X.sol:X":{"abi":\#(Self.abiJSON),"bin":"\#(Self.creation)","bin-runtime":"\#(Self.runtime)"}},"version":"0.8.19"}"#
        let vyper = #"{"contracts/X.vy":{"abi":\#(Self.abiJSON),"bytecode":"0x\#(Self.creation)","bytecode_runtime":"0x\#(Self.runtime)"},"version":"0.3.10"}"#
        let cases: [(String, Artifact.Format)] = [(foundry, .foundry), (hardhat, .hardhat), (fixture, .fixture),
                                                  (standard, .solcStandardJSON), (combined, .solcCombinedJSON), (vyper, .vyperCombinedJSON)]
        for (json, format) in cases {
            let a = try Artifact.parse(json: json, nameHint: "X")
            #expect(a.format == format)
            #expect(a.contractName == "X")
            #expect(try a.deployedBytecode() == hexBytes(Self.runtime))
            let chain = Chain()
            let c = try chain.deploy(a)
            #expect(chain.code(at: c) == hexBytes(Self.runtime), "\(format)")
            #expect(try c.read("x") == u(42), "\(format)")
        }
        #expect(try Artifact.parse(json: fixture).compiler == "0.8.19")
    }

    @Test func libraryPlaceholders() throws {
        let fq = "contracts/MathLib.sol:MathLib"
        let placeholder = Artifact.placeholder(forFullyQualifiedName: fq)
        #expect(placeholder.count == 40)
        // PUSH20 <library> POP, then the runtime-returning creation code.
        let code = "73" + placeholder + "50" + "600a6022600039600a6000f3" + Self.runtime
        let withRefs = #"{"contractName":"UsesLib","abi":\#(Self.abiJSON),"bytecode":"0x\#(code)","deployedBytecode":"0x","linkReferences":{"contracts/MathLib.sol":{"MathLib":[{"start":1,"length":20}]}}}"#
        let a = try Artifact.parse(json: withRefs)
        #expect(a.unlinkedLibraries == [fq])
        do {
            _ = try a.bytecode()
            Issue.record("unlinked bytecode decoded")
        } catch let e as HarnessError {
            #expect(e.description.contains("MathLib"))
            #expect(e.description.contains("link(libraries:"))
        }
        let chain = Chain()
        #expect(throws: HarnessError.self) { try chain.deploy(a) }

        let lib = Address(hex: "0x00000000000000000000000000000000000001b1")!
        let linked = try a.link(libraries: ["MathLib": lib])
        #expect(linked.unlinkedLibraries.isEmpty)
        #expect(Array(try linked.bytecode()[1..<21]) == lib.bytes)
        #expect(try chain.deploy(linked).read("x") == u(42))
        #expect(throws: HarnessError.self) { try a.link(libraries: ["Other": lib]) }

        // Without linkReferences the hash placeholder matches the fully qualified name.
        let bare = try Artifact.parse(json: #"{"contractName":"UsesLib","abi":\#(Self.abiJSON),"bytecode":"0x\#(code)"}"#)
        #expect(bare.unlinkedLibraries.first?.contains(placeholder) == true)
        #expect(try bare.link(libraries: [fq: lib]).unlinkedLibraries.isEmpty)

        // Pre-0.5 style: __Name___… padded to 40 characters.
        let old = "__MathLib" + String(repeating: "_", count: 31)
        let legacy = try Artifact.parse(json: #"{"contractName":"Old","abi":[],"bytecode":"0x73\#(old)50"}"#)
        #expect(legacy.unlinkedLibraries == ["MathLib"])
        #expect(try legacy.link(libraries: ["MathLib": lib]).bytecode() == [0x73] + lib.bytes + [0x50])
    }

    @Test func badInputIsAnError() throws {
        for bad in ["", "{", "[]", "{\"abi\": 5}", "{\"abi\": [], \"bytecode\": \"0xzz\"}", "{\"abi\": [], \"bytecode\": \"0x123\"}",
                    "{\"foo\": 1}", "{\"contracts\": {}}"] {
            #expect(throws: (any Error).self, "\(bad)") { try Artifact.parse(json: bad) }
        }
        #expect(throws: HarnessError.self) { try Artifact.load(path: "/nonexistent/X.json") }
        let a = try Artifact.parse(json: #"{"contractName":"X","abi":\#(Self.abiJSON),"bytecode":"0x\#(Self.creation)"}"#)
        #expect(throws: HarnessError.self) { try a.creationCode([1]) }        // no constructor: no arguments
        let empty = try Artifact.parse(json: #"{"contractName":"I","abi":[],"bytecode":"0x"}"#)
        #expect(throws: HarnessError.self) { try Chain().deploy(empty) }
    }

    /// Issue 8: a link reference start of 2^62 or more overflowed (start * 2). A start is a byte
    /// offset into the code: beyond any file porvm reads, it is a malformed artifact.
    @Test(arguments: ["4611686018427387904", "9223372036854775807", "-1", "1e300", "18446744073709551616"])
    func hugeLinkReferenceStartIsAnError(start: String) throws {
        let code = "73" + String(repeating: "_", count: 40) + "50"
        let json = #"{"contractName":"U","abi":[],"bytecode":"0x\#(code)","linkReferences":{"a.sol":{"L":[{"start":\#(start),"length":20}]}}}"#
        #expect(throws: HarnessError.self) { try Artifact.parse(json: json) }
        do { _ = try Artifact.parse(json: json) } catch let e as HarnessError {
            #expect(e.description.contains("bad link reference for L"))
        }
    }

    /// Many placeholders and references: one lookup each (this was quadratic).
    @Test func manyPlaceholdersLinkInLinearTime() throws {
        let n = 20_000
        let code = String(repeating: "73" + String(repeating: "_", count: 40) + "50", count: n)
        let starts = (0..<n).map { #"{"start":\#($0 * 22 + 1),"length":20}"# }.joined(separator: ",")
        let json = #"{"contractName":"U","abi":[],"bytecode":"0x\#(code)","linkReferences":{"a.sol":{"L":[\#(starts)]}}}"#
        let start = ContinuousClock.now
        let a = try Artifact.parse(json: json)
        #expect(a.unlinkedLibraries == ["a.sol:L"])
        let linked = try a.link(libraries: ["L": Address(hex: "0x00000000000000000000000000000000000001b1")!])
        #expect(try linked.bytecode().count == n * 22)
        #expect(ContinuousClock.now - start < .seconds(10))
    }
}
