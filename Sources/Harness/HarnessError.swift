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

/// Error messages echo what users wrote (artifact fields, scenario values, file names); a message
/// is one printable line whatever the input held.
public enum MessageText {
    /// `text` with control characters (C0, DEL, C1) and line/paragraph separators written as
    /// `\u{1B}`, so that an echoed input cannot break the line or drive the terminal.
    public static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if needsEscape(s) {
                out.append(contentsOf: "\\u{\(String(s.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(s)
            }
        }
        return String(out)
    }

    static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }
}
