import Primitives
import UInt256

/// The accounts, their storage, and everything a transaction may have to undo: warm sets
/// (EIP-2929), transient storage (EIP-1153), logs and self-destructs, all journaled.
public final class WorldState: @unchecked Sendable {
    public private(set) var accounts: [Address: Account]
    var journal: [JournalEntry] = []
    public private(set) var logs: [Log] = []
    var warmAddresses: Set<Address> = []
    var warmSlots: Set<SlotKey> = []
    var transientStorage: [SlotKey: U256] = [:]
    /// EIP-6780: contracts created in this transaction may still be deleted by SELFDESTRUCT.
    public private(set) var createdInTransaction: Set<Address> = []
    /// Accounts to delete when the transaction ends, in the order they self-destructed.
    public private(set) var selfDestructs: [Address] = []

    public init(accounts: [Address: Account] = [:]) {
        self.accounts = accounts
    }

    /// A deep copy, for snapshots that outlive a transaction (the test harness's `snapshot`).
    public func copy() -> WorldState {
        let s = WorldState(accounts: accounts.mapValues { $0.copy() })
        return s
    }

    // MARK: reading

    @inline(__always) public func account(_ a: Address) -> Account? { accounts[a] }
    public func exists(_ a: Address) -> Bool { accounts[a] != nil }
    /// EIP-161 "dead": absent, or present and empty.
    public func isDead(_ a: Address) -> Bool { accounts[a].map { $0.isEmpty } ?? true }
    public func balance(_ a: Address) -> U256 { accounts[a]?.balance ?? .zero }
    public func nonce(_ a: Address) -> UInt64 { accounts[a]?.nonce ?? 0 }
    public func code(_ a: Address) -> Bytecode { accounts[a]?.code ?? .empty }
    public func storage(_ a: Address, _ key: U256) -> U256 { accounts[a]?.storage[key]?.current ?? .zero }
    func storageSlot(_ a: Address, _ key: U256) -> StorageSlot {
        accounts[a]?.storage[key] ?? StorageSlot(original: .zero, current: .zero)
    }

    // MARK: journaled writes

    public var checkpoint: Checkpoint { Checkpoint(journalLength: journal.count, logCount: logs.count) }

    /// The account, created empty (and journaled) if absent.
    @discardableResult
    func touchAccount(_ a: Address) -> Account {
        if let acc = accounts[a] { return acc }
        let acc = Account()
        accounts[a] = acc
        journal.append(.accountCreated(a))
        return acc
    }

    public func setBalance(_ a: Address, _ value: U256) {
        let acc = touchAccount(a)
        journal.append(.balance(a, acc.balance))
        acc.balance = value
        removeIfEmpty(a, acc)
    }

    public func addBalance(_ a: Address, _ value: U256) {
        setBalance(a, balance(a) &+ value)
    }

    /// Moves `value`; the caller has checked the sender's balance. A zero amount still touches
    /// both accounts (SELFDESTRUCT's transfer does), so an empty one is removed.
    func transfer(from: Address, to: Address, value: U256) {
        setBalance(from, balance(from) &- value)
        addBalance(to, value)
    }

    /// EIP-161 as the execution specs apply it to every balance change: an account the change
    /// leaves empty (no code, nonce 0, balance 0) is deleted.
    private func removeIfEmpty(_ a: Address, _ acc: Account) {
        if acc.isEmpty { replaceAccount(a, with: nil) }
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
    }

    public func transientStorage(_ a: Address, _ key: U256) -> U256 {
        transientStorage[SlotKey(a, key)] ?? .zero
    }

    func setTransientStorage(_ a: Address, _ key: U256, _ value: U256) {
        let k = SlotKey(a, key)
        journal.append(.transient(k, transientStorage[k] ?? .zero))
        transientStorage[k] = value
    }

    /// Marks an address warm; returns whether it was cold (EIP-2929).
    @discardableResult
    public func warmAddress(_ a: Address) -> Bool {
        guard warmAddresses.insert(a).inserted else { return false }
        journal.append(.warmAddress(a))
        return true
    }

    public func isWarm(_ a: Address) -> Bool { warmAddresses.contains(a) }

    @discardableResult
    public func warmSlot(_ a: Address, _ key: U256) -> Bool {
        let k = SlotKey(a, key)
        guard warmSlots.insert(k).inserted else { return false }
        journal.append(.warmSlot(k))
        return true
    }

    func markCreated(_ a: Address) {
        if createdInTransaction.insert(a).inserted { journal.append(.createdInTransaction(a)) }
    }

    func markSelfDestructed(_ a: Address) {
        guard !selfDestructs.contains(a) else { return }
        selfDestructs.append(a)
        journal.append(.selfDestructed(a))
    }

    func appendLog(_ log: Log) {
        logs.append(log)
        journal.append(.log)
    }

    // MARK: reverting

    /// Undoes every change made since `cp`, newest first.
    public func revert(to cp: Checkpoint) {
        while journal.count > cp.journalLength {
            switch journal.removeLast() {
            case .accountCreated(let a): accounts[a] = nil
            case .accountReplaced(let a, let old): accounts[a] = old
            case .balance(let a, let v): accounts[a]?.balance = v
            case .nonce(let a, let v): accounts[a]?.nonce = v
            case .code(let a, let v): accounts[a]?.code = v
            case .storage(let a, let k, let v): accounts[a]?.storage[k]?.current = v
            case .transient(let k, let v): transientStorage[k] = v
            case .warmAddress(let a): warmAddresses.remove(a)
            case .warmSlot(let k): warmSlots.remove(k)
            case .createdInTransaction(let a): createdInTransaction.remove(a)
            case .selfDestructed(let a): selfDestructs.removeAll { $0 == a }
            case .log: logs.removeLast()
            }
        }
    }

    // MARK: transaction boundaries

    /// Starts a transaction: forgets the journal, warm sets, transient storage, logs, and
    /// makes current storage values the new originals (EIP-2200).
    public func beginTransaction() {
        commitOriginals()
        journal.removeAll(keepingCapacity: true)
        logs.removeAll(keepingCapacity: true)
        warmAddresses.removeAll(keepingCapacity: true)
        warmSlots.removeAll(keepingCapacity: true)
        transientStorage.removeAll(keepingCapacity: true)
        createdInTransaction.removeAll(keepingCapacity: true)
        selfDestructs.removeAll(keepingCapacity: true)
    }

    /// Ends a transaction: deletes self-destructed accounts and forgets the journal.
    public func finalizeTransaction() {
        for a in selfDestructs { accounts[a] = nil }
        selfDestructs.removeAll()
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
    }
}
