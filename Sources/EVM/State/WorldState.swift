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

    public init(accounts: [Address: Account] = [:]) {
        self.accounts = accounts
        mayHoldLowAddresses = accounts.keys.contains { $0.hi == 0 && $0.mid == 0 }
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
    public func isWarm(_ a: Address) -> Bool { substate.accessedAddresses.contains(a) }
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
        journal.append(.storage(a, key, old.current))
        acc.storage[key] = StorageSlot(original: old.original, current: value)
    }

    /// Replaces an account wholesale (new contract over leftover storage; self-destruct).
    func replaceAccount(_ a: Address, with new: Account?) {
        journal.append(.accountReplaced(a, accounts[a]))
        accounts[a] = new
        if new != nil { noteInserted(a) }
    }

    func setTransientStorage(_ a: Address, _ key: U256, _ value: U256) {
        let k = SlotKey(a, key)
        journal.append(.transient(k, substate.transientStorage[k] ?? .zero))
        substate.transientStorage[k] = value
    }

    /// Marks an address warm; returns whether it was cold (EIP-2929).
    @discardableResult @inline(__always)
    public func warmAddress(_ a: Address) -> Bool {
        guard substate.accessedAddresses.insert(a).inserted else { return false }
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
            case .log: substate.logs.removeLast()
            case .touched(let a): substate.touchedAccounts.remove(a)
            }
        }
    }

    // MARK: transaction boundaries

    /// Starts a transaction: forgets the journal and the substate, and makes current storage
    /// values the new originals (EIP-2200).
    public func beginTransaction() {
        commitOriginals()
        journal.removeAll(keepingCapacity: true)
        substate.removeAll()
    }

    /// Ends a transaction: deletes self-destructed accounts, then touched accounts that are
    /// empty (EIP-161; the specs' `destroy_touched_empty_accounts`), and forgets the journal.
    public func finalizeTransaction() {
        for a in substate.accountsToDelete { accounts[a] = nil }
        for a in substate.touchedAccounts where existsAndIsEmpty(a) { accounts[a] = nil }
        substate.accountsToDelete.removeAll()
        substate.touchedAccounts.removeAll()
        journal.removeAll(keepingCapacity: true)
    }

    private func commitOriginals() {
        for acc in accounts.values where !acc.storage.isEmpty {
            for (k, slot) in acc.storage where slot.original != slot.current {
                acc.storage[k] = StorageSlot(original: slot.current, current: slot.current)
            }
        }
    }

    /// Sets an account directly, outside any journal (genesis, cheat codes).
    public func setAccount(_ a: Address, _ acc: Account?) {
        accounts[a] = acc
        if acc != nil { noteInserted(a) }
    }
}
