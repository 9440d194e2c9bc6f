import Primitives
import UInt256

public enum CallKind: UInt8, Sendable {
    case call, callCode, delegateCall, staticCall, create, create2
    public var isCreate: Bool { self == .create || self == .create2 }
}

/// One message call or contract creation (Yellow Paper §8, §7): who runs which code in whose
/// account, with how much gas.
public struct Message: Sendable {
    public var kind: CallKind
    /// Depth of this frame: 0 for the transaction's own call.
    public var depth: Int
    public var isStatic: Bool
    public var gas: Int64
    /// The account whose storage and balance the code acts on (`ADDRESS`).
    public var recipient: Address
    /// `CALLER`.
    public var sender: Address
    /// Where the code comes from (differs from `recipient` for CALLCODE and DELEGATECALL).
    public var codeAddress: Address
    /// `CALLVALUE`: for DELEGATECALL the parent's value, which is not transferred.
    public var value: U256
    public var transfersValue: Bool
    /// Call data, or init code for a creation.
    public var input: [UInt8]
    /// EIP-7702: the code comes through a delegation designator, so `codeAddress` runs its
    /// account's code even where a precompile lives (the specs' `disable_precompiles`).
    public var disablesPrecompiles: Bool

    public init(kind: CallKind = .call, depth: Int = 0, isStatic: Bool = false, gas: Int64,
                recipient: Address, sender: Address, codeAddress: Address? = nil,
                value: U256 = .zero, transfersValue: Bool = true, input: [UInt8] = [],
                disablesPrecompiles: Bool = false) {
        self.kind = kind
        self.depth = depth
        self.isStatic = isStatic
        self.gas = gas
        self.recipient = recipient
        self.sender = sender
        self.codeAddress = codeAddress ?? recipient
        self.value = value
        self.transfersValue = transfersValue
        self.input = input
        self.disablesPrecompiles = disablesPrecompiles
    }
}

/// What a message call or creation returns to its caller.
public struct CallResult: Sendable {
    public var status: Status
    public var gasLeft: Int64
    /// Refund counter accumulated by this frame and its successful children (EIP-3529 caps it later).
    public var gasRefund: Int64
    public var output: [UInt8]
    /// The new contract's address for successful creations.
    public var createdAddress: Address?

    public init(status: Status, gasLeft: Int64, gasRefund: Int64 = 0, output: [UInt8] = [], createdAddress: Address? = nil) {
        self.status = status
        self.gasLeft = gasLeft
        self.gasRefund = gasRefund
        self.output = output
        self.createdAddress = createdAddress
    }
}
