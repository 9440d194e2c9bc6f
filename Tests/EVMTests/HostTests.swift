import Testing
@testable import EVM
import UInt256
import Primitives

/// The `Host` operations and the journal behind them. SSTORE and SELFDESTRUCT ask the host to
/// write before they charge gas (as revm does); an exceptional halt must then undo the write
/// with the rest of the frame (Yellow Paper §8: an exceptional halt leaves the state as it was
/// before the call). Gas figures: EIP-2929 (cold 2100/2600), EIP-2200 (set 20000), Yellow Paper
/// G_selfdestruct 5000 and G_newaccount 25000 (EIP-161: only for value to a dead account).
@Suite struct HostTests {
    /// B: PUSH1 1 PUSH1 0 SSTORE STOP costs 3 + 3 + 2100 + 20000; with one gas less it halts
    /// and slot 0 stays zero, with exactly enough it is written.
    @Test(arguments: [(Int64(22_105), U256.zero), (Int64(22_106), U256.one)])
    func sstoreOutOfGasLeavesTheSlot(gas: Int64, expected: U256) {
        let evm = makeEVM(code: asm("\(callText(to: Addr.other, gas: "\(gas)")) STOP"))
        install(evm, asm("1 0 SSTORE STOP"), at: Addr.other)
        #expect(call(evm).status == .success)
        #expect(evm.state.storage(Addr.other, .zero) == expected)
    }

    /// B (balance 5) self-destructs to a cold, absent beneficiary: 3 + 5000 + 2600 + 25000.
    /// One gas short, nothing moves; with enough, the balance does (Cancun: B stays, EIP-6780).
    @Test(arguments: [(Int64(32_602), false), (Int64(32_603), true)])
    func selfdestructOutOfGasMovesNothing(gas: Int64, moved: Bool) {
        let evm = makeEVM(code: asm("\(callText(to: Addr.other, gas: "\(gas)")) STOP"))
        install(evm, asm("\(Addr.third.word.hexString) SELFDESTRUCT"), at: Addr.other, balance: w(5))
        #expect(call(evm).status == .success)
        #expect(evm.state.balance(Addr.other) == (moved ? .zero : w(5)))
        #expect(evm.state.balance(Addr.third) == (moved ? w(5) : .zero))
        #expect(evm.state.exists(Addr.third) == moved)
    }

    /// EIP-2200's inputs: the value when the transaction began, the value before this store,
    /// and EIP-2929 coldness, over a sequence of stores to one slot holding 7.
    @Test func sstoreReportsOriginalCurrentAndColdness() {
        let state = WorldState(accounts: [Addr.contract: Account(nonce: 1, storage: [.zero: w(7)])])
        state.beginTransaction()
        #expect(state.sstore(Addr.contract, .zero, w(8)) == SStoreResult(original: w(7), current: w(7), wasCold: true))
        #expect(state.sstore(Addr.contract, .zero, w(9)) == SStoreResult(original: w(7), current: w(8), wasCold: false))
        #expect(state.sload(Addr.contract, .zero) == (w(9), false))
        #expect(state.sload(Addr.contract, .one) == (.zero, true))
        state.finalizeTransaction()
        state.beginTransaction()                      // the next transaction's original is 9
        #expect(state.sstore(Addr.contract, .zero, w(1)) == SStoreResult(original: w(9), current: w(9), wasCold: true))
    }

    /// One revert undoes accounts, storage and every substate piece the specs roll back.
    @Test func revertUndoesStateAndSubstate() {
        let state = WorldState(accounts: [Addr.contract: Account(nonce: 1, balance: w(3))])
        state.beginTransaction()
        let cp = state.checkpoint
        _ = state.accessAccount(Addr.other)
        _ = state.sstore(Addr.contract, .one, w(2))
        state.tstore(Addr.contract, .one, w(4))
        state.log(Log(address: Addr.contract, topics: [], data: [1]))
        state.markCreated(Addr.third)
        state.markTouched(Addr.third)
        state.incrementNonce(Addr.contract)
        _ = state.selfDestruct(Addr.contract, beneficiary: Addr.other, onlyIfCreated: false)
        state.revert(to: cp)
        #expect(!state.isWarm(Addr.other))
        #expect(state.sload(Addr.contract, .one).wasCold)
        #expect(state.storage(Addr.contract, .one) == .zero)
        #expect(state.tload(Addr.contract, .one) == .zero)
        #expect(state.logs.isEmpty)
        #expect(state.createdInTransaction.isEmpty && state.selfDestructs.isEmpty && state.touchedAccounts.isEmpty)
        #expect(state.nonce(Addr.contract) == 1 && state.balance(Addr.contract) == w(3))
        #expect(!state.exists(Addr.other))
    }
}
