import Primitives
import EVM
import Ethereum
import ABI

/// Errors of the test harness. Each message says what went wrong and, where it can, what to do.
public enum HarnessError: Error, CustomStringConvertible {
    case fileNotFound(String)
    case invalidArtifact(String)
    case contractNotFound(String, available: [String])
    case unlinkedLibraries(contract: String, libraries: [String])
    case unknownLibrary(String)
    case abi(ABIError)
    /// The transaction was invalid and not applied (nonce, funds, gas limit...).
    case invalidTransaction(TransactionError, sender: Address)
    case insufficientFunds(Address, needed: String, available: String)
    case deploymentFailed(contract: String, status: Status, reason: RevertReason?)
    /// A read through `Contract.read` reverted.
    case reverted(function: String, status: Status, reason: RevertReason)
    case expectationFailed(String)
    case signingFailed(String)
    case unknownAccount(String)
    case unknownSnapshot(Int)

    public var description: String { MessageText.printable(rawDescription) }

    private var rawDescription: String {
        switch self {
        case .fileNotFound(let p): return "artifact file not found: \(p)"
        case .invalidArtifact(let s): return "invalid artifact: \(s)"
        case .contractNotFound(let n, let a):
            return "no contract '\(n)' in the artifact" + (a.isEmpty ? "" : " (available: \(a.joined(separator: ", ")))")
        case .unlinkedLibraries(let c, let libs):
            return "bytecode of \(c) has unlinked library placeholders for \(libs.joined(separator: ", ")); "
                + "deploy the libraries and call link(libraries: [name: address]) first"
        case .unknownLibrary(let s): return "no placeholder for library \(s) in the bytecode"
        case .abi(let e): return e.description
        case .invalidTransaction(let e, let s): return "transaction from \(s) is invalid: \(e)"
        case .insufficientFunds(let a, let n, let b): return "\(a) cannot send \(n) wei: balance is \(b)"
        case .deploymentFailed(let c, let st, let r):
            return "deployment of \(c) failed (\(st))" + (r.map { ": \($0)" } ?? "")
        case .reverted(let f, let st, let r): return "\(f) failed (\(st)): \(r)"
        case .expectationFailed(let s): return "expectation failed: \(s)"
        case .signingFailed(let s): return "signing failed: \(s)"
        case .unknownAccount(let s): return "unknown account: \(s)"
        case .unknownSnapshot(let id): return "no snapshot with id \(id)"
        }
    }
}

/// Runs `body`, turning ABI errors into `HarnessError.abi` so that callers catch one type.
@inline(__always)
func abiCall<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as ABIError { throw HarnessError.abi(e) }
}
