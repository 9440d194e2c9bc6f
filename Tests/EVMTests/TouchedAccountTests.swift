import Testing
@testable import EVM
import UInt256
import Primitives

/// EIP-161 touched accounts, as the execution specs (Spurious Dragon to Gray Glacier:
/// `process_message_call`, `incorporate_child_on_success/_on_error`, `selfdestruct`,
/// `destroy_touched_empty_accounts`) model them: a message touches its target even without
/// value, a SELFDESTRUCT its beneficiary; a failed frame's touches are reverted except the
/// RIPEMD-160 precompile's (0x03); touched accounts still empty when the transaction ends are
/// deleted. Each expectation was also checked with the execution specs' t8n (Berlin,
/// ethereum-execution 2.20): the same scenarios as transactions are in EthereumTests'
/// TouchedAccountsTransactionTests with the state roots it gives.
@Suite struct TouchedAccountTests {
    static let empty = Address(hi: 0, mid: 0, lo: 0xe1)
    static let empty2 = Address(hi: 0, mid: 0, lo: 0xe2)
    static let ripemd = Address(hi: 0, mid: 0, lo: 3)
    static let identity = Address(hi: 0, mid: 0, lo: 4)

    /// `code` at Addr.contract plus existing empty accounts at `empties`.
    func world(_ code: String, fork: Fork, empties: [Address]) -> EVM {
        let evm = makeEVM(code: asm(code), fork: fork)
        for a in empties { evm.state.setAccount(a, Account()) }
        return evm
    }

    @Test(arguments: [Fork.berlin, .london, .cancun])
    func zeroValueCallAndStaticCallDeleteAnEmptyTarget(fork: Fork) {
        let evm = world("\(callText(to: Self.empty)) POP \(callText("STATICCALL", to: Self.empty2)) POP STOP",
                        fork: fork, empties: [Self.empty, Self.empty2])
        let r = call(evm)
        #expect(r.status == .success)
        #expect(!evm.state.exists(Self.empty))
        #expect(!evm.state.exists(Self.empty2))
        #expect(evm.state.exists(Addr.contract))
    }

    @Test func aZeroValueCallCreatesNoAccount() {
        let evm = world("\(callText(to: Addr.third)) POP STOP", fork: .berlin, empties: [])
        #expect(call(evm).status == .success)
        #expect(!evm.state.exists(Addr.third))
    }

    @Test func aTopLevelCallToAnEmptyAccountDeletesIt() {
        let evm = world("STOP", fork: .berlin, empties: [Self.empty])
        #expect(call(evm, to: Self.empty).status == .success)
        #expect(!evm.state.exists(Self.empty))
    }

    /// Addr.other touches the empty account and reverts: the touch goes with it.
    @Test func aRevertedFrameKeepsNoTouch() {
        let evm = world("\(callText(to: Addr.other)) POP STOP", fork: .berlin, empties: [Self.empty])
        install(evm, asm("\(callText(to: Self.empty)) POP 0 0 REVERT"), at: Addr.other)
        #expect(call(evm).status == .success)
        #expect(evm.state.exists(Self.empty))
        #expect(!evm.state.isTouched(Self.empty))
    }

    /// A successful call to a precompile touches its (empty) account like any other target.
    @Test func aSuccessfulPrecompileCallDeletesItsEmptyAccount() {
        let evm = world("\(callText(to: Self.identity)) POP STOP", fork: .berlin, empties: [Self.identity])
        #expect(call(evm).status == .success)
        #expect(!evm.state.exists(Self.identity))
    }

    /// A call to 0x03 with 1 gas runs out of gas (RIPEMD-160 costs 600), yet the empty account
    /// there is deleted: mainnet block 2675119's behaviour, kept by the specs.
    @Test func ripemdIsTouchedEvenWhenItsCallFails() {
        let evm = world("\(callText(to: Self.ripemd, gas: "1")) POP STOP", fork: .berlin, empties: [Self.ripemd])
        #expect(call(evm).status == .success)
        #expect(!evm.state.exists(Self.ripemd))
    }

    /// The exemption survives the revert of the frame that made the failed call; the same
    /// scenario with the identity precompile (0x04) keeps the account.
    @Test(arguments: [(ripemd, false), (identity, true)])
    func ripemdTouchSurvivesAnOuterRevert(target: Address, survives: Bool) {
        let evm = world("\(callText(to: Addr.other)) POP STOP", fork: .berlin, empties: [target])
        install(evm, asm("\(callText(to: target, gas: "1")) POP 0 0 REVERT"), at: Addr.other)
        #expect(call(evm).status == .success)
        #expect(evm.state.exists(target) == survives)
    }

    /// A failed transaction keeps no touch, not even 0x03's (`process_message_call`).
    @Test func aFailedTopLevelCallToRipemdKeepsIt() {
        let evm = world("STOP", fork: .berlin, empties: [Self.ripemd])
        #expect(call(evm, to: Self.ripemd, gas: 1).status == .outOfGas)
        #expect(evm.state.exists(Self.ripemd))
    }

    /// SELFDESTRUCT with a zero balance still touches its beneficiary.
    @Test(arguments: [Fork.berlin, .cancun])
    func selfdestructTouchesItsBeneficiary(fork: Fork) {
        let evm = world("\(Self.empty.word.hexString) SELFDESTRUCT", fork: fork, empties: [Self.empty])
        #expect(call(evm).status == .success)
        #expect(!evm.state.exists(Self.empty))
    }

    /// The journal reverts touches like any other change.
    @Test func touchesAreJournaled() {
        let state = WorldState(accounts: [Self.empty: Account()])
        state.beginTransaction()
        let cp = state.checkpoint
        state.markTouched(Self.empty)
        #expect(state.isTouched(Self.empty))
        state.revert(to: cp)
        #expect(!state.isTouched(Self.empty))
        state.finalizeTransaction()
        #expect(state.exists(Self.empty))
    }
}
