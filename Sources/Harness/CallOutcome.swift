import EVM
import ABI
import Primitives
import UInt256

/// What a call, transaction or deployment did: status, decoded outputs, gas, events, revert reason.
public struct CallOutcome: Sendable, CustomStringConvertible {
    public var status: Status
    /// Raw return data (revert data when reverted).
    public var output: [UInt8]
    /// Outputs decoded with the function's ABI (empty when it failed or no ABI applies).
    public var values: [ABIValue]
    public var outputNames: [String]
    /// Gas charged, refund included: intrinsic + execution − refund, as a receipt shows it.
    public var gasUsed: UInt64
    public var logs: [Log]
    /// Logs decoded with the ABIs of the contracts the chain knows (undecodable logs are skipped).
    public var events: [DecodedEvent]
    /// Set when the call did not succeed.
    public var revertReason: RevertReason?
    public var createdAddress: Address?
    public var function: ABIFunction?

    public var succeeded: Bool { status.isSuccess }
    public var reverted: Bool { !status.isSuccess }

    /// The first output.
    public var value: ABIValue? { values.first }
    public subscript(index: Int) -> ABIValue? { values.indices.contains(index) ? values[index] : nil }
    public subscript(name: String) -> ABIValue? { outputNames.firstIndex(of: name).map { values[$0] } }

    /// Events with this name (or full signature).
    public func events(named name: String) -> [DecodedEvent] {
        events.filter { $0.name == name || $0.signature == name }
    }

    public var description: String {
        var s = "\(function?.signature ?? "call"): \(status), gas \(gasUsed)"
        if !values.isEmpty { s += ", returned (" + values.map(\.description).joined(separator: ", ") + ")" }
        if let r = revertReason { s += ", \(r)" }
        if !events.isEmpty { s += ", events " + events.map(\.description).joined(separator: "; ") }
        return s
    }
}
