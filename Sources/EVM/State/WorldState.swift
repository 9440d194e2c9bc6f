import Primitives
import UInt256

/// The accounts and their storage, the transaction's substate (`Substate`) and the journal
/// that undoes changes to both. Only this type changes an `Account`: every write is journaled.
public final class WorldState: @unchecked Sendable {
    public private(set) var accounts: [Address: Account]
    var journal: [JournalEntry] = []
    var substate = Substate()
    /// False while no account has ever been put at an address below 2^32 (where the precompiles
    /// live), so that a precompile call can skip the EIP-161 lookup of its target's account.
    private(set) var mayHoldLowAddresses = false
    /// Slots written since the last transaction began, so that committing originals visits
    /// them rather than all of storage; `originalsMayDiffer` covers accounts put in from outside.
    var dirtySlots: [SlotKey] = []
    private var originalsMayDiffer: Bool
    /// Set by `keepJournal()`: transaction boundaries then keep the journal, so that `rewind(to:)`
    /// undoes any number of transactions at the cost of their changes, not of a state copy.
    public private(set) var keepsJournal = false

    public init(accounts: [Address: Account] = [:]) {
        self.accounts = accounts
        mayHoldLowAddresses = accounts.keys.contains { $0.hi == 0 && $0.mid == 0 }
        originalsMayDiffer = !accounts.isEmpty
    }

    @inline(__always) private func noteInserted(_ a: Address) {
        if a.hi == 0 && a.mid == 0 { mayHoldLowAddresses = true }
    }

    /// A deep copy, for snapshots that outlive a transaction (the test harness's `snapshot`).
    public func copy() -> WorldState {
        WorldState(accounts: accounts.mapValues { $0.copy() })
    }

    // MARK: reading

    @inline(__always) public func account(_ a: Address) -> Account? { accounts[a] }
    public func exists(_ a: Address) -> Bool { accounts[a] != nil }
    /// EIP-161 "dead": absent, or present and empty.
    public func isDead(_ a: Address) -> Bool { accounts[a].map { $0.isEmpty } ?? true }
    /// EIP-161 "empty", for an account that exists (the specs' `account_exists_and_is_empty`).
    public func existsAndIsEmpty(_ a: Address) -> Bool { accounts[a]?.isEmpty ?? false }
    public func balance(_ a: Address) -> U256 { accounts[a]?.balance ?? .zero }
    public func nonce(_ a: Address) -> UInt64 { accounts[a]?.nonce ?? 0 }
    public func code(_ a: Address) -> Bytecode { accounts[a]?.code ?? .empty }
    public func storage(_ a: Address, _ key: U256) -> U256 { accounts[a]?.storage[key]?.current ?? .zero }
    public func transientStorage(_ a: Address, _ key: U256) -> U256 {
        substate.transientStorage[SlotKey(a, key)] ?? .zero
    }

    // MARK: the substate, read-only

    public var logs: [Log] { substate.logs }
    public var selfDestructs: [Address] { substate.accountsToDelete }
    public var createdInTransaction: Set<Address> { substate.createdAccounts }
    public var touchedAccounts: Set<Address> { substate.touchedAccounts }
    public func isWarm(_ a: Address) -> Bool { isWarmPrecompile(a) || substate.accessedAddresses.contains(a) }

    /// Precompiles 1...`warmPrecompiles` are warm for the whole transaction (EIP-2929), so they
    /// are answered by a compare instead of ten set entries and journal entries per transaction.
    public var warmPrecompiles: UInt32 = 0
    @inline(__always) func isWarmPrecompile(_ a: Address) -> Bool {
        a.hi == 0 && a.mid == 0 && a.lo &- 1 < warmPrecompiles
    }
    public func isTouched(_ a: Address) -> Bool {
        !substate.touchedAccounts.isEmpty && substate.touchedAccounts.contains(a)
    }

    // MARK: journaled writes

    public var checkpoint: Checkpoint { Checkpoint(journalLength: journal.count, logCount: substate.logs.count) }

    /// The account, created empty (and journaled) if absent.
    @discardableResult
    func touchAccount(_ a: Address) -> Account {
        if let acc = accounts[a] { return acc }
        let acc = Account()
        accounts[a] = acc
        noteInserted(a)
        journal.append(.accountCreated(a))
        return acc
    }

    public func setBalance(_ a: Address, _ value: U256) {
        let acc = touchAccount(a)
        journal.append(.balance(a, acc.balance))
        acc.balance = value
    }

    public func addBalance(_ a: Address, _ value: U256) {
        setBalance(a, balance(a) &+ value)
    }

    /// Moves `value`; the caller has checked the sender's balance. A zero amount creates an
    /// absent recipient, as the specs' `move_ether` does; the caller marks it touched.
    func transfer(from: Address, to: Address, value: U256) {
        setBalance(from, balance(from) &- value)
        addBalance(to, value)
    }

    public func setNonce(_ a: Address, _ value: UInt64) {
        let acc = touchAccount(a)
        journal.append(.nonce(a, acc.nonce))
        acc.nonce = value
    }

    public func setCode(_ a: Address, _ code: Bytecode) {
        let acc = touchAccount(a)
        journal.append(.code(a, acc.code))
        acc.code = code
    }

    public func setStorage(_ a: Address, _ key: U256, _ value: U256) {
        let acc = touchAccount(a)
        let old = acc.storage[key] ?? StorageSlot(original: .zero, current: .zero)
        if old.original == old.current { dirtySlots.append(SlotKey(a, key)) }
        journal.append(.storage(a, key, old.current))
        acc.storage[key] = StorageSlot(original: old.original, current: value)
    }

    /// Replaces an account wholesale (new contract over leftover storage; self-destruct).
    func replaceAccount(_ a: Address, with new: Account?) {
        journal.append(.accountReplaced(a, accounts[a]))
        accounts[a] = new
        if new != nil { noteInserted(a); originalsMayDiffer = true }
    }

    func setTransientStorage(_ a: Address, _ key: U256, _ value: U256) {
        let k = SlotKey(a, key)
        journal.append(.transient(k, substate.transientStorage[k] ?? .zero))
        substate.transientStorage[k] = value
    }

    /// Marks an address warm; returns whether it was cold (EIP-2929).
    @discardableResult @inline(__always)
    public func warmAddress(_ a: Address) -> Bool {
        guard !isWarmPrecompile(a), substate.accessedAddresses.insert(a).inserted else { return false }
        journal.append(.warmAddress(a))
        return true
    }

    @discardableResult @inline(__always)
    public func warmSlot(_ a: Address, _ key: U256) -> Bool {
        let k = SlotKey(a, key)
        guard substate.accessedStorageKeys.insert(k).inserted else { return false }
        journal.append(.warmSlot(k))
        return true
    }

    func markCreated(_ a: Address) {
        if substate.createdAccounts.insert(a).inserted { journal.append(.createdInTransaction(a)) }
    }

    func markSelfDestructed(_ a: Address) {
        guard !substate.accountsToDelete.contains(a) else { return }
        substate.accountsToDelete.append(a)
        journal.append(.selfDestructed(a))
    }

    /// EIP-161: remembers `a` for deletion at the end of the transaction if it is then empty.
    public func markTouched(_ a: Address) {
        if substate.touchedAccounts.insert(a).inserted { journal.append(.touched(a)) }
    }

    func appendLog(_ log: Log) {
        substate.logs.append(log)
        journal.append(.log)
    }

    // MARK: reverting

    /// Undoes every change made since `cp`, newest first: accounts, storage and the substate.
    public func revert(to cp: Checkpoint) {
        while journal.count > cp.journalLength {
            switch journal.removeLast() {
            case .accountCreated(let a): accounts[a] = nil
            case .accountReplaced(let a, let old): accounts[a] = old
            case .balance(let a, let v): accounts[a]?.balance = v
            case .nonce(let a, let v): accounts[a]?.nonce = v
            case .code(let a, let v): accounts[a]?.code = v
            case .storage(let a, let k, let v): accounts[a]?.storage[k]?.current = v
            case .transient(let k, let v): substate.transientStorage[k] = v
            case .warmAddress(let a): substate.accessedAddresses.remove(a)
            case .warmSlot(let k): substate.accessedStorageKeys.remove(k)
            case .createdInTransaction(let a): substate.createdAccounts.remove(a)
            case .selfDestructed(let a): substate.accountsToDelete.removeAll { $0 == a }
            case .log: if !substate.logs.isEmpty { substate.logs.removeLast() }   // emptied by a later transaction's start when the journal spans several
            case .touched(let a): substate.touchedAccounts.remove(a)
            }
        }
    }

    // MARK: transaction boundaries

    /// Starts a transaction: forgets the journal and the substate, and makes current storage
    /// values the new originals (EIP-2200).
    public func beginTransaction() {
        commitOriginals()
        if !keepsJournal { journal.removeAll(keepingCapacity: true) }
        substate.removeAll()
    }

    /// Ends a transaction: deletes self-destructed accounts, then touched accounts that are
    /// empty (EIP-161; the specs' `destroy_touched_empty_accounts`), and forgets the journal.
    public func finalizeTransaction() {
        for a in substate.accountsToDelete { delete(a) }
        for a in substate.touchedAccounts where existsAndIsEmpty(a) { delete(a) }
        substate.accountsToDelete.removeAll()
        substate.touchedAccounts.removeAll()
        if !keepsJournal { journal.removeAll(keepingCapacity: true) }
    }

    /// Journaled (for `rewind`) only while the journal spans transactions.
    private func delete(_ a: Address) {
        if keepsJournal { journal.append(.accountReplaced(a, accounts[a])) }
        accounts[a] = nil
    }

    private func commitOriginals() {
        if originalsMayDiffer {
            for acc in accounts.values where !acc.storage.isEmpty {
                for (k, slot) in acc.storage where slot.original != slot.current {
                    acc.storage[k] = StorageSlot(original: slot.current, current: slot.current)
                }
            }
            originalsMayDiffer = false
        } else {
            for s in dirtySlots {
                if let acc = accounts[s.address], let slot = acc.storage[s.key], slot.original != slot.current {
                    acc.storage[s.key] = StorageSlot(original: slot.current, current: slot.current)
                }
            }
        }
        dirtySlots.removeAll(keepingCapacity: true)
    }

    // MARK: restore points that span transactions

    /// Starts keeping the journal across transactions and returns the point to `rewind` to.
    /// Call between transactions.
    public func keepJournal() -> Checkpoint {
        commitOriginals()
        substate.removeAll()
        journal.removeAll(keepingCapacity: true)
        keepsJournal = true
        return checkpoint
    }

    /// Undoes every transaction since `cp` (from `keepJournal`), between transactions. Every slot
    /// had its original equal to its current value at `cp`, so the undone slots get that back.
    public func rewind(to cp: Checkpoint) {
        let undone = journal.count > cp.journalLength ? journal[cp.journalLength...].compactMap { e -> SlotKey? in
            if case .storage(let a, let k, _) = e { return SlotKey(a, k) }
            return nil
        } : []
        revert(to: cp)
        for s in undone {
            if let acc = accounts[s.address], let slot = acc.storage[s.key], slot.original != slot.current {
                acc.storage[s.key] = StorageSlot(original: slot.current, current: slot.current)
            }
        }
        dirtySlots.removeAll(keepingCapacity: true)
        substate.removeAll()
    }

    /// Sets an account directly (genesis, cheat codes): outside the journal, unless it is kept.
    public func setAccount(_ a: Address, _ acc: Account?) {
        if keepsJournal { journal.append(.accountReplaced(a, accounts[a])) }   // so that `rewind` undoes it too
        accounts[a] = acc
        if acc != nil { noteInserted(a); originalsMayDiffer = true }
    }
}
