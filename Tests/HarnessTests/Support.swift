import Foundation
import Testing
import EVM
import ABI
import Primitives
import UInt256
@testable import Harness

/// The shared solc artifacts: $PORVM_SOLIDITY_ARTIFACTS, else ../shared/solidity-artifacts
/// next to the package root (found from this file's path).
enum Artifacts {
    static let directory: String? = {
        if let env = ProcessInfo.processInfo.environment["PORVM_SOLIDITY_ARTIFACTS"], !env.isEmpty {
            return FileManager.default.fileExists(atPath: env) ? env : nil
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let dir = root.deletingLastPathComponent().appendingPathComponent("shared/solidity-artifacts").path
        return FileManager.default.fileExists(atPath: dir + "/README.md") ? dir : nil
    }()

    static var available: Bool { directory != nil }
    static let skipMessage: Comment = "solidity artifacts not found: set PORVM_SOLIDITY_ARTIFACTS or place them in ../shared/solidity-artifacts"

    static func load(_ name: String) throws -> Artifact {
        guard let directory else { throw HarnessError.fileNotFound("solidity-artifacts/\(name).json") }
        return try Artifact.load(path: "\(directory)/\(name).json")
    }

    /// The whole JSON file (for the `validation` vectors).
    static func json(_ name: String) throws -> JSONValue {
        guard let directory, let data = FileManager.default.contents(atPath: "\(directory)/\(name).json") else {
            throw HarnessError.fileNotFound("solidity-artifacts/\(name).json")
        }
        return try JSONValue(parsing: [UInt8](data))
    }
}

func u(_ v: UInt64) -> ABIValue { .uint(U256(v)) }
func hexBytes(_ s: String) -> [UInt8] { Hex.decode(s) ?? [] }

/// Runtime code `<op> PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN`: returns one environment word.
func returnsWord(_ opcode: UInt8) -> [UInt8] { [opcode, 0x60, 0x00, 0x52, 0x60, 0x20, 0x60, 0x00, 0xf3] }

/// An ABI from human-readable signatures.
func abi(_ signatures: String...) throws -> ContractABI {
    ContractABI(functions: try signatures.map { try ABIFunction(signature: $0) })
}
