import Testing
@testable import EVM
import Primitives
import UInt256
import EVMCrypto

/// EIP-7702 inside the EVM: a call to an account whose code is `0xef0100 ‖ d` runs d's code in
/// the account's context; d's access is charged as EIP-2929's (2600 cold, 100 warm) on top of
/// the account's own; precompiles are not reached through a designator; designators are not
/// followed twice; EXTCODE* read the designator itself. Before Prague the designator is plain code.
@Suite struct DelegationTests {
    /// `Addr.other` delegated to `Addr.third` (which holds `delegateCode`), called from `Addr.contract`.
    private func world(_ callerCode: [UInt8], delegateCode: [UInt8] = [], fork: Fork = .prague,
                       delegate: Address = Addr.third) -> EVM {
        let evm = makeEVM(code: callerCode, fork: fork)
        evm.state.setAccount(Addr.other, Account(nonce: 1, code: Bytecode(Delegation.designator(delegate))))
        if !delegateCode.isEmpty { install(evm, delegateCode, at: delegate) }
        return evm
    }

    @Test func callChargesTheDelegateColdThenWarm() {
        // 7 pushes (21) + the account cold (2600) + its delegate cold (2600); the delegate has no code.
        let one = asm("\(callText(to: Addr.other, gas: "0")) STOP")
        #expect(gasUsed(call(world(one), gas: 100_000), 100_000) == 21 + 2600 + 2600)
        // The second call finds both warm: 100 + 100.
        let two = asm("\(callText(to: Addr.other, gas: "0")) \(callText(to: Addr.other, gas: "0")) STOP")
        #expect(gasUsed(call(world(two), gas: 100_000), 100_000) == 42 + 2 * 2600 + 2 * 100)
        // Before Prague the designator is not followed: only the account's access.
        #expect(gasUsed(call(world(one, fork: .cancun), gas: 100_000), 100_000) == 21 + 2600)
    }

    @Test func everyCallKindChargesTheDelegate() {
        for op in ["CALLCODE", "DELEGATECALL", "STATICCALL"] {
            let pushes: Int64 = op == "CALLCODE" ? 21 : 18
            let code = asm("\(callText(op, to: Addr.other, gas: "0")) STOP")
            #expect(gasUsed(call(world(code), gas: 100_000), 100_000) == pushes + 2600 + 2600, "\(op)")
        }
    }

    @Test func delegateCodeRunsInTheAuthorityContext() {
        // The delegate stores ADDRESS and CALLER: the authority's and the caller's.
        let delegateCode = asm("ADDRESS 0 SSTORE CALLER 1 SSTORE STOP")
        let evm = world(asm("\(callText(to: Addr.other)) STOP"), delegateCode: delegateCode)
        #expect(call(evm).status == .success)
        #expect(evm.state.storage(Addr.other, .zero) == Addr.other.word)
        #expect(evm.state.storage(Addr.other, .one) == Addr.contract.word)
        #expect(evm.state.storage(Addr.third, .zero).isZero)
        // DELEGATECALL through the designator writes the caller's own storage.
        let viaDelegateCall = world(asm("\(callText("DELEGATECALL", to: Addr.other)) STOP"), delegateCode: delegateCode)
        #expect(call(viaDelegateCall).status == .success)
        #expect(viaDelegateCall.state.storage(Addr.contract, .zero) == Addr.contract.word)
        #expect(viaDelegateCall.state.storage(Addr.contract, .one) == Addr.sender.word)
    }

    @Test func precompilesAreNotReachedThroughADesignator() {
        // Delegated to the identity precompile (0x04): the call succeeds and returns nothing.
        let identity = Address(hi: 0, mid: 0, lo: 4)
        let code = asm("\(callText(to: Addr.other, gas: "GAS", inSize: 32)) RETURNDATASIZE") + returnTop
        let r = call(world(code, delegate: identity))
        #expect(U256(bigEndianBytes: r.output) == .zero)
        // Called directly, the precompile echoes its 32 bytes.
        let direct = asm("\(callText(to: identity, gas: "GAS", inSize: 32)) RETURNDATASIZE") + returnTop
        #expect(U256(bigEndianBytes: call(world(direct)).output) == U256(32))
    }

    @Test func aDesignatorChainIsNotFollowed() {
        // other → third, and third → a contract: calling other runs third's designator (0xEF: invalid).
        let evm = world(asm(callText(to: Addr.other, gas: "50000")) + returnTop)
        evm.state.setAccount(Addr.third, Account(nonce: 1, code: Bytecode(Delegation.designator(Addr.contract))))
        let r = call(evm)
        #expect(r.status == .success)
        #expect(U256(bigEndianBytes: r.output) == .zero)
    }

    @Test func extcodeReadsTheDesignator() {
        let designator = Delegation.designator(Addr.third)
        let size = eval(asm("\(Addr.other.word.hexString) EXTCODESIZE"))
        #expect(size == U256(23))
        let hash = eval(asm("\(Addr.other.word.hexString) EXTCODEHASH"))
        #expect(hash == U256(bigEndianBytes: Keccak256.hash(designator)))
        let copied = eval(asm("32 0 0 \(Addr.other.word.hexString) EXTCODECOPY 0 MLOAD"))
        #expect(copied == U256(bigEndianBytes: designator + [UInt8](repeating: 0, count: 9)))
    }

    /// Runs `code` in `world(code)` under Prague and returns the word it leaves on top.
    private func eval(_ code: [UInt8]) -> U256 {
        let r = call(world(code + returnTop))
        #expect(r.status == .success)
        return r.output.count == 32 ? U256(bigEndianBytes: r.output) : U256(w0: 0xbad, w1: 0, w2: 0, w3: 0)
    }
}
