import UInt256
import Primitives

/// What a transaction accrues besides accounts and storage (the Yellow Paper's substate A; the
/// execution specs keep it in `Evm`/`TransactionEnvironment` apart from `State`). It lives in
/// `WorldState` so that one journal reverts both. The refund counter is not here: each `Frame`
/// keeps its own and a successful child's is added to its parent's, as the specs'
/// `incorporate_child_on_success` does, so a failed frame's refunds vanish with it.
struct Substate {
    /// EIP-2929: warm addresses and storage slots.
    var accessedAddresses: Set<Address> = []
    var accessedStorageKeys: Set<SlotKey> = []
    /// EIP-1153.
    var transientStorage: [SlotKey: U256] = [:]
    var logs: [Log] = []
    /// EIP-6780: contracts created in this transaction may still be deleted by SELFDESTRUCT.
    var createdAccounts: Set<Address> = []
    /// Accounts to delete when the transaction ends, in the order they self-destructed.
    var accountsToDelete: [Address] = []
    /// EIP-161: accounts to delete when the transaction ends if they are then empty.
    var touchedAccounts: Set<Address> = []

    mutating func removeAll() {
        accessedAddresses.removeAll(keepingCapacity: true)
        accessedStorageKeys.removeAll(keepingCapacity: true)
        transientStorage.removeAll(keepingCapacity: true)
        logs.removeAll(keepingCapacity: true)
        createdAccounts.removeAll(keepingCapacity: true)
        accountsToDelete.removeAll(keepingCapacity: true)
        touchedAccounts.removeAll(keepingCapacity: true)
    }
}
