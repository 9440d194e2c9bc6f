import UInt256
import Primitives

/// The opcodes' view of the world state. Each write goes through the journal.
extension WorldState: Host {
    @inline(__always) public func accessAccount(_ a: Address) -> Bool { warmAddress(a) }

    /// EIP-1052.
    public func codeHash(_ a: Address) -> U256 {
        guard let acc = accounts[a], !acc.isEmpty else { return .zero }
        return acc.code.hash
    }

    @inline(__always)
    public func sload(_ a: Address, _ key: U256) -> (value: U256, wasCold: Bool) {
        let wasCold = warmSlot(a, key)
        return (storage(a, key), wasCold)
    }

    /// One account lookup for the read and the write; the journal keeps the previous value.
    @inline(__always)
    public func sstore(_ a: Address, _ key: U256, _ value: U256) -> SStoreResult {
        let wasCold = warmSlot(a, key)
        let acc = touchAccount(a)
        let old = acc.storage[key] ?? StorageSlot(original: .zero, current: .zero)
        if old.current != value {
            if old.original == old.current { dirtySlots.append(SlotKey(a, key)) }
            journal.append(.storage(a, key, old.current))
            acc.storage[key] = StorageSlot(original: old.original, current: value)
        }
        return SStoreResult(original: old.original, current: old.current, wasCold: wasCold)
    }

    public func tload(_ a: Address, _ key: U256) -> U256 { transientStorage(a, key) }
    public func tstore(_ a: Address, _ key: U256, _ value: U256) { setTransientStorage(a, key, value) }
    public func log(_ entry: Log) { appendLog(entry) }
    public func incrementNonce(_ a: Address) { setNonce(a, nonce(a) &+ 1) }

    /// The specs' `selfdestruct`: the balance moves to the beneficiary (burnt if it is `me`),
    /// `me` is deleted at the end of the transaction (since EIP-6780 only if created in it),
    /// and an empty beneficiary is touched (EIP-161).
    public func selfDestruct(_ me: Address, beneficiary: Address, onlyIfCreated: Bool) -> SelfDestructResult {
        let wasCold = warmAddress(beneficiary)
        let balance = self.balance(me)
        let result = SelfDestructResult(wasCold: wasCold, fundedDeadAccount: !balance.isZero && isDead(beneficiary),
                                        previouslyDestroyed: substate.accountsToDelete.contains(me))
        transfer(from: me, to: beneficiary, value: balance)
        if !onlyIfCreated || substate.createdAccounts.contains(me) {
            setBalance(me, .zero)
            markSelfDestructed(me)
        }
        if existsAndIsEmpty(beneficiary) { markTouched(beneficiary) }
        return result
    }
}
