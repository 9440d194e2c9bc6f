import Primitives
import EVM
import Ethereum
import ABI

/// Errors of the test harness. Each message says what went wrong and, where it can, what to do.
/// Thrown by a call the user made (transact, call, deploy, an `expect…` checked there), the
/// error carries that call's `location`, so that a test failure can point at it
/// (`HarnessTesting`'s `.harnessFailures` trait records it there for Swift Testing).
public struct HarnessError: Error, CustomStringConvertible {
    public enum Kind: Sendable {
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
        /// `rewind(to:)` after the state was replaced (`revertTo` a snapshot).
        case anchorLost
    }

    public var kind: Kind
    /// The user's call that failed (nil for errors raised outside a harness call, e.g. loading an artifact).
    public var location: CallSite?

    public init(_ kind: Kind, location: CallSite? = nil) {
        self.kind = kind
        self.location = location
    }

    /// The message, without the location (it is the same wherever the call was made).
    public var description: String { MessageText.printable(rawDescription) }

    private var rawDescription: String {
        switch kind {
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
        case .anchorLost: return "cannot rewind: the state was replaced (a snapshot restored) since the anchor was taken"
        }
    }

    // The kinds as constructors, so that `throw HarnessError.fileNotFound(path)` reads as before.
    public static func fileNotFound(_ path: String) -> Self { Self(.fileNotFound(path)) }
    public static func invalidArtifact(_ s: String) -> Self { Self(.invalidArtifact(s)) }
    public static func contractNotFound(_ name: String, available: [String]) -> Self { Self(.contractNotFound(name, available: available)) }
    public static func unlinkedLibraries(contract: String, libraries: [String]) -> Self {
        Self(.unlinkedLibraries(contract: contract, libraries: libraries))
    }
    public static func unknownLibrary(_ s: String) -> Self { Self(.unknownLibrary(s)) }
    public static func abi(_ e: ABIError) -> Self { Self(.abi(e)) }
    public static func invalidTransaction(_ e: TransactionError, sender: Address) -> Self { Self(.invalidTransaction(e, sender: sender)) }
    public static func insufficientFunds(_ a: Address, needed: String, available: String) -> Self {
        Self(.insufficientFunds(a, needed: needed, available: available))
    }
    public static func deploymentFailed(contract: String, status: Status, reason: RevertReason?) -> Self {
        Self(.deploymentFailed(contract: contract, status: status, reason: reason))
    }
    public static func reverted(function: String, status: Status, reason: RevertReason) -> Self {
        Self(.reverted(function: function, status: status, reason: reason))
    }
    public static func expectationFailed(_ s: String) -> Self { Self(.expectationFailed(s)) }
    public static func signingFailed(_ s: String) -> Self { Self(.signingFailed(s)) }
    public static func unknownAccount(_ s: String) -> Self { Self(.unknownAccount(s)) }
    public static func unknownSnapshot(_ id: Int) -> Self { Self(.unknownSnapshot(id)) }
    public static var anchorLost: Self { Self(.anchorLost) }
}

/// Runs `body`, turning ABI errors into `HarnessError.abi` so that callers catch one type.
@inline(__always)
func abiCall<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as ABIError { throw HarnessError.abi(e) }
}

/// Runs `body` for a call the user made at `site`: a `HarnessError` thrown inside is
/// attributed to it (the outermost caller wins, so a library built on the harness, like `PoR`,
/// passes its own caller's site).
public func withCallSite<T>(_ site: CallSite, _ body: () throws -> T) throws -> T {
    do { return try body() } catch var e as HarnessError {
        e.location = site
        throw e
    } catch let e as ABIError {
        throw HarnessError(.abi(e), location: site)
    }
}
