import EVM
import ABI
import Primitives
import UInt256

/// One transaction (or read-only call) the chain is about to send, as a watcher sees it: what a
/// replay on another EVM needs (sender, nonce, gas, effective gas price) and the names to show.
public struct SentTransaction: Sendable {
    /// "Contract.function", "Contract.constructor", or "call" for raw calls.
    public var label: String
    /// An `eth_call`: executed, then undone.
    public var readOnly: Bool
    /// Signed by a test account (else impersonated: no signature, no fee, see `Chain`).
    public var signed: Bool
    public var sender: Address
    public var to: Address?
    public var value: U256
    public var data: [UInt8]
    public var nonce: UInt64
    public var gasLimit: UInt64
    /// What each unit of gas costs the sender (zero when impersonated).
    public var gasPrice: U256
    public var priorityFee: U256
    public var function: ABIFunction?
}

/// Watches the transactions a `Chain` sends: before each one it may hand back an inspector to
/// observe it (an EIP-3155 tracer, a call-tree recorder); after it, it sees the outcome (nil
/// when the transaction was rejected before it ran; status, gas, output, logs and revert reason,
/// but not yet the decoded return values). Without watchers the chain runs exactly as before,
/// with `Chain.inspector` alone.
///
/// Watchers nest: `willSend` goes to them in order and `didSend` in reverse. A watcher may make
/// read-only calls of its own at either end, inside `Chain.unwatched`, which no watcher sees.
public protocol TransactionWatcher: AnyObject {
    func willSend(_ tx: SentTransaction, on chain: Chain) -> (any Inspector)?
    func didSend(_ tx: SentTransaction, outcome: CallOutcome?, on chain: Chain)
}

/// Several inspectors observing one run, in order (tracing and a call tree together).
public final class InspectorGroup: Inspector {
    public let members: [any Inspector]
    public init(_ members: [any Inspector]) { self.members = members }
    public static var observesSteps: Bool { true }
    public static var observesJumps: Bool { true }
    public func step(_ frame: borrowing Frame, opcode: UInt8) {
        for m in members where type(of: m).observesSteps { m.step(frame, opcode: opcode) }
    }
    public func stepEnd(_ frame: borrowing Frame, opcode: UInt8) {
        for m in members where type(of: m).observesSteps { m.stepEnd(frame, opcode: opcode) }
    }
    public func jump(pc: Int, destination: U256, taken: Bool, isBranch: Bool) {
        for m in members where type(of: m).observesJumps { m.jump(pc: pc, destination: destination, taken: taken, isBranch: isBranch) }
    }
    public func callStart(_ message: Message, callerGasLeft: Int64?) {
        for m in members { m.callStart(message, callerGasLeft: callerGasLeft) }
    }
    public func callEnd(_ message: Message, result: CallResult) {
        for m in members { m.callEnd(message, result: result) }
    }
    public func log(_ log: Log) {
        for m in members { m.log(log) }
    }
}
