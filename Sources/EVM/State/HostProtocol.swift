import UInt256
import Primitives

/// A storage write as EIP-2200 prices it: the slot's value when the transaction began, its value
/// before this write, and whether the slot was cold (EIP-2929).
@frozen public struct SStoreResult: Sendable, Equatable {
    public var original: U256
    public var current: U256
    public var wasCold: Bool
}

/// What SELFDESTRUCT did, for its gas and refund.
@frozen public struct SelfDestructResult: Sendable, Equatable {
    /// EIP-2929: the beneficiary was cold.
    public var wasCold: Bool
    /// EIP-161: a balance went to a dead beneficiary (the new-account charge).
    public var fundedDeadAccount: Bool
    /// The account had already self-destructed in this transaction (no second refund).
    public var previouslyDestroyed: Bool
}

/// Everything the opcodes may ask of the world, as revm's `Host` trait: account queries,
/// storage with its EIP-2200 status, transient storage, logs, warmth and SELFDESTRUCT. The
/// block and transaction context are plain values on `EVM`. `WorldState` is the one conformer
/// and `EVM.host` is typed as it (opaquely), so these calls are direct and inlinable: no
/// existential, no allocation. Writes are journaled: a failing frame undoes them, so an opcode
/// may write first and charge gas after (an out-of-gas halt reverts the write).
public protocol Host: AnyObject {
    /// EIP-2929: warms `a`; true if it was cold.
    func accessAccount(_ a: Address) -> Bool
    func balance(_ a: Address) -> U256
    func nonce(_ a: Address) -> UInt64
    func code(_ a: Address) -> Bytecode
    /// EIP-1052: zero for a dead account.
    func codeHash(_ a: Address) -> U256
    /// EIP-161: absent, or without code, nonce and balance.
    func isDead(_ a: Address) -> Bool
    /// The current value and whether the slot was cold (it is warm afterwards).
    func sload(_ a: Address, _ key: U256) -> (value: U256, wasCold: Bool)
    func sstore(_ a: Address, _ key: U256, _ value: U256) -> SStoreResult
    func tload(_ a: Address, _ key: U256) -> U256
    func tstore(_ a: Address, _ key: U256, _ value: U256)
    func log(_ entry: Log)
    /// CREATE/CREATE2 bump the creator's nonce before the child runs (EIP-161 numbering).
    func incrementNonce(_ a: Address)
    /// Sends `me`'s balance to `beneficiary`; deletes `me` at the end of the transaction unless
    /// `onlyIfCreated` (EIP-6780) and `me` predates the transaction.
    func selfDestruct(_ me: Address, beneficiary: Address, onlyIfCreated: Bool) -> SelfDestructResult
}
