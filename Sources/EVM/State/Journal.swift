import Primitives
import UInt256

/// One undoable change to the world state. The journal is append-only; a checkpoint is its
/// length, so taking a snapshot costs nothing and reverting pops back to it.
enum JournalEntry {
    case accountCreated(Address)                 // did not exist before: revert deletes it
    case accountReplaced(Address, Account?)      // wholesale replacement (creation over a leftover, destruction)
    case balance(Address, U256)
    case nonce(Address, UInt64)
    case code(Address, Bytecode)
    case storage(Address, U256, U256)            // address, key, previous current value
    case transient(SlotKey, U256)
    case warmAddress(Address)
    case warmSlot(SlotKey)
    case createdInTransaction(Address)           // EIP-6780 bookkeeping
    case selfDestructed(Address)
    case log
    case touched(Address)                        // EIP-161
}

/// A position in the journal to revert to.
public struct Checkpoint: Sendable {
    let journalLength: Int
    let logCount: Int
}
