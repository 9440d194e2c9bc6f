import Harness
import ABI
import EVM
import FuzzSupport
import Primitives

// Compiler artifact JSON (Foundry, Hardhat, our fixtures, solc standard and combined JSON,
// Vyper): parse every contract, link every library it names, decode the code, and print the ABI.
// Every failure must be a thrown error.

let library = Address(hi: 0x1111_1111_1111_1111, mid: 0x2222_2222_2222_2222, lo: 0x3333_3333)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzArtifact(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = inputBytes(data, size)
    guard let all = try? Artifact.parseAll(json: bytes, nameHint: "Fuzz") else { return 0 }
    for a in all {
        var libs: [String: Address] = [:]
        for r in a.linkReferences + a.deployedLinkReferences {
            libs[r.library] = library
        }
        let linked = (try? a.link(libraries: libs)) ?? a
        for art in [a, linked] {
            _ = try? art.bytecode()
            _ = try? art.deployedBytecode()
            _ = try? art.creationCode()
        }
        for f in a.abi.functions { _ = f.description; _ = f.selector }
        for e in a.abi.events { _ = e.description }
        fuzzLog("\(a.contractName): \(a.format) \(a.bytecodeHex.count / 2) bytes, \(a.linkReferences.count) link references")
    }
    return 0
}

@main
struct Main {
    static func main() { runLibFuzzer(fuzzArtifact) }
}
