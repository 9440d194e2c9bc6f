import Primitives
import UInt256

/// One storage slot: its value when the transaction began (EIP-2200's "original") and now.
@frozen public struct StorageSlot: Sendable, Equatable {
    public var original: U256
    public var current: U256
    public init(original: U256, current: U256) { self.original = original; self.current = current }
}

/// An account in the world state. A reference type so that the state can update balance and
/// storage in place; only `WorldState` writes it, through its journal (hence `internal(set)`).
public final class Account: @unchecked Sendable {
    public internal(set) var nonce: UInt64
    public internal(set) var balance: U256
    public internal(set) var code: Bytecode
    public internal(set) var storage: [U256: StorageSlot]

    public init(nonce: UInt64 = 0, balance: U256 = .zero, code: Bytecode = .empty, storage: [U256: U256] = [:]) {
        self.nonce = nonce
        self.balance = balance
        self.code = code
        self.storage = storage.reduce(into: [:]) { $0[$1.key] = StorageSlot(original: $1.value, current: $1.value) }
    }

    /// EIP-161: no code, zero nonce, zero balance.
    public var isEmpty: Bool { nonce == 0 && balance.isZero && code.isEmpty }

    public func copy() -> Account {
        let a = Account(nonce: nonce, balance: balance, code: code)
        a.storage = storage
        return a
    }
}

/// A key into the warm-slot set and transient storage.
@frozen public struct SlotKey: Hashable, Sendable {
    public var address: Address
    public var key: U256
    @inlinable public init(_ address: Address, _ key: U256) { self.address = address; self.key = key }

    /// Set/Dictionary hashing without SipHash; see `U256._rawHashValue(seed:)`.
    @inlinable
    public func _rawHashValue(seed: Int) -> Int {
        let s = UInt64(bitPattern: Int64(seed))
        let a = U256.foldHash(address.hi, address.mid, UInt64(address.lo), 0x9e37_79b9, seed: s)
        return Int(truncatingIfNeeded: U256.foldHash(key.w0, key.w1, key.w2, key.w3, seed: s ^ a))
    }
}
