import EVM
import ABI
import Primitives
import UInt256

/// Cheats with the names Foundry users know (`vm.warp`, `vm.prank`, `vm.deal`…).
extension Chain {
    /// Sets `block.timestamp`.
    public func warp(_ timestamp: UInt64) { evm.block.timestamp = timestamp }
    /// Sets `block.number`.
    public func roll(_ blockNumber: UInt64) { evm.block.number = blockNumber }

    /// The next call (or deployment) runs with `msg.sender` = `sender` (and `tx.origin` =
    /// `origin` if given). A pranked call is an impersonated transaction: no signature, no fee,
    /// the sender's nonce left alone (a pranked deployment uses and increments it), any sender
    /// allowed, contracts included; everything else is checked as for a signed one.
    public func prank(_ sender: AddressConvertible, origin: AddressConvertible? = nil) {
        nextPrank = Prank(sender: sender.asAddress, origin: origin?.asAddress)
    }

    /// Every following call runs as `sender` until `stopPrank()`.
    public func startPrank(_ sender: AddressConvertible, origin: AddressConvertible? = nil) {
        persistentPrank = Prank(sender: sender.asAddress, origin: origin?.asAddress)
    }

    public func stopPrank() {
        persistentPrank = nil
        nextPrank = nil
    }

    /// Sets an account's ether balance.
    public func deal(_ account: AddressConvertible, _ wei: U256) { state.setBalance(account.asAddress, wei) }

    /// Writes a storage slot directly.
    public func store(_ account: AddressConvertible, slot: U256, value: U256) {
        state.setStorage(account.asAddress, slot, value)
    }

    /// Reads a storage slot.
    public func load(_ account: AddressConvertible, slot: U256) -> U256 { state.storage(account.asAddress, slot) }

    /// Replaces the code at an address (the account is created if needed).
    /// Replaces the code at `account`; a source map of the code it had no longer applies.
    public func etch(_ account: AddressConvertible, code: [UInt8]) {
        state.setCode(account.asAddress, Bytecode(code))
        sourceMaps[account.asAddress] = nil
    }

    public func setNonce(_ account: AddressConvertible, _ nonce: UInt64) { state.setNonce(account.asAddress, nonce) }

    /// What a restore point keeps besides the state: the block and the harness's history.
    struct History {
        let block: BlockEnvironment
        let logCount: Int
        let eventCount: Int
        let known: [Address: (name: String, abi: ContractABI)]
    }

    var history: History { History(block: evm.block, logCount: logs.count, eventCount: events.count, known: known) }

    func restore(_ h: History) {
        evm.block = h.block
        restoreHistory(logCount: h.logCount, eventCount: h.eventCount)
        known = h.known
    }

    struct Snapshot {
        var state: WorldState
        var history: History
    }

    /// Deep copy of the world state, block environment and event history; returns its id.
    public func snapshot() -> Int {
        let id = nextSnapshotID
        nextSnapshotID += 1
        snapshots[id] = Snapshot(state: state.copy(), history: history)
        return id
    }

    /// Restores a snapshot (which stays available for another `revertTo`). Throws for an unknown id.
    public func revertTo(_ id: Int) throws {
        guard let s = snapshots[id] else { throw HarnessError.unknownSnapshot(id) }
        evm.state = s.state.copy()
        restore(s.history)
    }

    /// Forgets a snapshot.
    public func deleteSnapshot(_ id: Int) { snapshots[id] = nil }

    /// A restore point that costs what was changed since, not a copy of the state: from here on
    /// the journal spans transactions, and `rewind(to:)` undoes them (the fuzzer anchors once
    /// after its setup and rewinds before every sequence). Take it between transactions.
    public struct Anchor {
        let state: ObjectIdentifier
        let checkpoint: Checkpoint
        let history: History
    }

    public func anchor() -> Anchor {
        Anchor(state: ObjectIdentifier(state), checkpoint: state.keepJournal(), history: history)
    }

    /// Back to `anchor`: state, block, logs and known contracts. Throws when the state was
    /// replaced since (`revertTo` a snapshot), which the anchor cannot undo.
    public func rewind(to anchor: Anchor) throws {
        guard ObjectIdentifier(state) == anchor.state, state.keepsJournal else { throw HarnessError.anchorLost }
        state.rewind(to: anchor.checkpoint)
        restore(anchor.history)
    }
}
