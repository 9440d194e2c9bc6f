import Testing
@testable import EVM
import UInt256

/// CALL/CALLCODE/DELEGATECALL/STATICCALL and return data. Sources: Yellow Paper §8 and
/// appendix H (G_callvalue = 9000, G_newaccount = 25000, G_callstipend = 2300), EIP-150 (all but
/// one 64th, depth 1024), EIP-161 (new-account charge only for dead accounts), EIP-2929 (2600
/// cold / 100 warm), EIP-211 (RETURNDATASIZE/COPY), EIP-214 (STATICCALL), EIP-7 (DELEGATECALL).
@Suite struct CallTests {
    @Test func callWithValueToNewAccount() {
        // Cold (2600) + value (9000) + new account (25000) = 36600 charged; the callee (no code)
        // gets only the 2300 stipend and returns it: net 34300, plus 7 pushes.
        let code = asm("\(callText(to: Addr.third, gas: "0", value: 1)) STOP")
        let (r, evm) = run(code, gas: 100_000, contractBalance: w(10))
        #expect(r.status == .success)
        #expect(gasUsed(r, 100_000) == 21 + 36600 - 2300)
        #expect(evm.state.balance(Addr.third) == w(1))
        #expect(evm.state.balance(Addr.contract) == w(9))
    }

    @Test func callWithValueToExistingAccount() {
        // No new-account charge for a live account: 2600 + 9000 - 2300 returned.
        let code = asm("\(callText(to: Addr.third, gas: "0", value: 1)) STOP")
        let evm = makeEVM(code: code, contractBalance: w(10))
        evm.state.setAccount(Addr.third, Account(balance: w(1)))
        let r = call(evm, gas: 100_000)
        #expect(gasUsed(r, 100_000) == 21 + 2600 + 9000 - 2300)
        #expect(evm.state.balance(Addr.third) == w(2))
        // Without value to a new account: only the cold access.
        let (z, _) = run(asm("\(callText(to: Addr.third, gas: "0")) STOP"), gas: 100_000)
        #expect(gasUsed(z, 100_000) == 21 + 2600)
        // Warm the second time.
        let (t, _) = run(asm("\(callText(to: Addr.third, gas: "0")) \(callText(to: Addr.third, gas: "0")) STOP"), gas: 100_000)
        #expect(gasUsed(t, 100_000) == 42 + 2600 + 100)
    }

    @Test func callWithMoreValueThanBalanceFails() {
        // The call fails (returns 0), no transfer; the stipend comes back.
        let code = asm("\(callText(to: Addr.third, gas: "0", value: 11))") + returnTop
        let (r, evm) = run(code, gas: 100_000, contractBalance: w(10))
        #expect(r.status == .success)
        #expect(word(r.output) == .zero)
        #expect(evm.state.balance(Addr.contract) == w(10))
        #expect(evm.state.balance(Addr.third) == .zero)
    }

    @Test func stipendIsAvailableToTheCallee() {
        // B has 0 + 2300 gas, enough for LOG0 (375).
        let code = asm("\(callText(to: Addr.other, gas: "0", value: 1))") + returnTop
        let evm = makeEVM(code: code, contractBalance: w(10))
        install(evm, asm("0 0 LOG0 STOP"), at: Addr.other)
        let r = call(evm)
        #expect(word(r.output) == w(1))
        #expect(evm.state.logs.count == 1)
    }

    @Test func forwardsAllButOne64th() {
        // B returns the GAS it sees (its gas minus GAS's own 2).
        let b = asm("GAS") + returnTop
        // A: CALL with all the gas in the world, output to memory 0..32, return it.
        let a = asm("\(callText(to: Addr.other, gas: "PUSH32 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", outSize: 32)) POP 32 0 RETURN")
        let evm = makeEVM(code: a)
        install(evm, b, at: Addr.other)
        let start: Int64 = 100_000
        let r = call(evm, gas: start)
        // Before CALL: 7 pushes (21). CALL: memory for 32 output bytes (3) + cold access (2600).
        let left = start - 21 - 3 - 2600
        let forwarded = left - left / 64                 // EIP-150
        #expect(word(r.output) == U256(UInt64(forwarded - 2)))
        // Asking for less than the cap forwards exactly that.
        let a2 = asm("\(callText(to: Addr.other, gas: "1000", outSize: 32)) POP 32 0 RETURN")
        let evm2 = makeEVM(code: a2)
        install(evm2, b, at: Addr.other)
        #expect(word(call(evm2).output) == w(998))
    }

    @Test func callDepthStopsAt1024() {
        // The contract calls itself with all its gas until the depth limit stops the recursion.
        let code = asm("\(callText(to: Addr.contract)) STOP")
        let rec = StepRecorder()
        let evm = makeEVM(code: code)
        let gas: Int64 = 200_000_000_000
        let r = call(evm, gas: gas, inspector: rec)
        #expect(r.status == .success)
        #expect(rec.maxDepth == 1024)                   // frames at depth 0…1024
        #expect(rec.calls.count == 1024)                // the CALL at depth 1024 fails without a frame
        #expect(rec.calls.last?.message.depth == 1024)
        #expect(rec.results.allSatisfy { $0.status == .success })
    }

    @Test func callToDepthLimitReturnsZeroAndKeepsGas() {
        // A frame at depth 1024 whose CALL fails: push 0, the forwarded gas comes back.
        let rec = StepRecorder()
        let evm = makeEVM(code: asm("\(callText(to: Addr.contract)) STOP"))
        call(evm, gas: 200_000_000_000, inspector: rec)
        let deepest = rec.steps.filter { $0.depth == 1024 && $0.op == 0xf1 }
        #expect(deepest.count == 1)
        // Its cost is just the warm access (100): the gas it tried to forward was returned.
        if let s = deepest.first { #expect(s.gasBefore - (s.gasAfter ?? 0) == 100) }
    }

    @Test(arguments: [
        ("1 0 SSTORE STOP", "SSTORE"),
        ("0 0 LOG0 STOP", "LOG0"),
        ("1 2 3 4 4 0 LOG4 STOP", "LOG4"),
        ("0 0 0 CREATE STOP", "CREATE"),
        ("0 0 0 0 CREATE2 STOP", "CREATE2"),
        ("1 1 TSTORE STOP", "TSTORE"),
        ("0 SELFDESTRUCT", "SELFDESTRUCT"),
    ])
    func staticCallForbidsStateChanges(source: String, what: String) {
        let a = asm("\(callText("STATICCALL", to: Addr.other))") + returnTop
        let evm = makeEVM(code: a)
        install(evm, asm(source), at: Addr.other, balance: w(1))
        let rec = StepRecorder()
        let r = call(evm, inspector: rec)
        #expect(r.status == .success, "\(what)")
        #expect(word(r.output) == .zero, "\(what): STATICCALL returns 0")
        #expect(rec.results.first?.status == .staticStateChange, "\(what)")
        #expect(evm.state.storage(Addr.other, .zero) == .zero)
        #expect(evm.state.logs.isEmpty)
        #expect(evm.state.nonce(Addr.other) == 1)
        #expect(evm.state.balance(Addr.other) == w(1))
    }

    @Test func staticCallForbidsValueCallButNotPlainCall() {
        // Inside a static frame, CALL with value halts; CALL without value is fine.
        let a = asm("\(callText("STATICCALL", to: Addr.other))") + returnTop
        for (inner, expected) in [(callText(to: Addr.third, value: 1), U256.zero), (callText(to: Addr.third), U256.one)] {
            let evm = makeEVM(code: a)
            install(evm, asm("\(inner) STOP"), at: Addr.other, balance: w(5))
            #expect(word(call(evm).output) == expected, "\(inner)")
            #expect(evm.state.balance(Addr.third) == .zero)
        }
        // The static flag is inherited by nested calls: B (static) calls C, which SSTOREs.
        let evm = makeEVM(code: a)
        install(evm, asm("\(callText(to: Addr.third))") + returnTop, at: Addr.other)
        install(evm, asm("1 0 SSTORE STOP"), at: Addr.third)
        let r = call(evm)
        #expect(word(r.output) == w(1))                  // B itself succeeded…
        #expect(evm.state.storage(Addr.third, .zero) == .zero)   // …but C's store failed
        // Reads are allowed: SLOAD, BALANCE, LOG-free code.
        let evm3 = makeEVM(code: a)
        install(evm3, asm("0 SLOAD POP ADDRESS BALANCE POP STOP"), at: Addr.other)
        #expect(word(call(evm3).output) == w(1))
    }

    @Test func returnDataSizeAndCopy() {
        // B returns 32 bytes 0x…2a.
        let b = asm("42") + returnTop
        let a = asm("RETURNDATASIZE 0 SSTORE \(callText(to: Addr.other)) POP RETURNDATASIZE 1 SSTORE 32 0 0 RETURNDATACOPY 0 MLOAD 2 SSTORE STOP")
        let evm = makeEVM(code: a)
        install(evm, b, at: Addr.other)
        #expect(call(evm).status == .success)
        #expect(evm.state.storage(Addr.contract, .zero) == .zero)
        #expect(evm.state.storage(Addr.contract, w(1)) == w(32))
        #expect(evm.state.storage(Addr.contract, w(2)) == w(42))
    }

    @Test(arguments: [
        ("33 0 0", false), ("32 1 0", false), ("1 32 0", false), ("0 33 0", false),
        ("0 32 0", true), ("32 0 0", true), ("0 0 0", true), ("1 31 0", true),
        ("1 PUSH32 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff 0", false),
    ])
    func returnDataCopyOutOfBounds(args: String, ok: Bool) {
        // EIP-211: offset + size > RETURNDATASIZE is an exceptional halt, even for size 0.
        // Arguments are "size offset destOffset" in push order.
        let a = asm("\(callText(to: Addr.other)) POP \(args) RETURNDATACOPY STOP")
        let evm = makeEVM(code: a)
        install(evm, asm("42") + returnTop, at: Addr.other)
        let r = call(evm)
        #expect(r.status == (ok ? .success : .returnDataOutOfBounds), "\(args)")
        if !ok { #expect(r.gasLeft == 0) }
    }

    @Test func returnDataCopyBeforeAnyCall() {
        #expect(run(asm("1 0 0 RETURNDATACOPY STOP")).result.status == .returnDataOutOfBounds)
        #expect(run(asm("0 0 0 RETURNDATACOPY STOP")).result.status == .success)
    }

    @Test func returnDataIsReplacedByEachCall() {
        // After a call to an account without code, RETURNDATASIZE is 0 again.
        let a = asm("\(callText(to: Addr.other)) POP \(callText(to: Addr.third)) POP RETURNDATASIZE") + returnTop
        let evm = makeEVM(code: a)
        install(evm, asm("42") + returnTop, at: Addr.other)
        #expect(word(call(evm).output) == .zero)
    }

    @Test func delegateCallKeepsCallerAndValue() {
        // B stores CALLER, CALLVALUE, ADDRESS: under DELEGATECALL into A's storage with A's context.
        let b = asm("CALLER 0 SSTORE CALLVALUE 1 SSTORE ADDRESS 2 SSTORE STOP")
        let a = asm("\(callText("DELEGATECALL", to: Addr.other)) STOP")
        let evm = makeEVM(code: a)
        install(evm, b, at: Addr.other)
        let r = call(evm, value: w(5))
        #expect(r.status == .success)
        #expect(evm.state.storage(Addr.contract, .zero) == Addr.sender.word)
        #expect(evm.state.storage(Addr.contract, w(1)) == w(5))
        #expect(evm.state.storage(Addr.contract, w(2)) == Addr.contract.word)
        #expect(evm.state.storage(Addr.other, .zero) == .zero)
        #expect(evm.state.balance(Addr.other) == .zero)
        #expect(evm.state.balance(Addr.contract) == w(5))
    }

    @Test func callCodeRunsCodeInCallersContext() {
        // CALLCODE: storage and ADDRESS are A's, CALLER is A, CALLVALUE is the new value.
        let b = asm("CALLER 0 SSTORE CALLVALUE 1 SSTORE ADDRESS 2 SSTORE STOP")
        let a = asm("\(callText("CALLCODE", to: Addr.other, value: 3)) STOP")
        let evm = makeEVM(code: a, contractBalance: w(10))
        install(evm, b, at: Addr.other)
        #expect(call(evm).status == .success)
        #expect(evm.state.storage(Addr.contract, .zero) == Addr.contract.word)
        #expect(evm.state.storage(Addr.contract, w(1)) == w(3))
        #expect(evm.state.storage(Addr.contract, w(2)) == Addr.contract.word)
        #expect(evm.state.balance(Addr.contract) == w(10))          // value sent to itself
    }

    @Test func callOutputIsTruncatedToOutSize() {
        // B returns 32 bytes; A asks for 2 at offset 30 over a prefilled word.
        let a = asm("PUSH32 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff 0 MSTORE \(callText(to: Addr.other, outOffset: 30, outSize: 2)) POP 0 MLOAD") + returnTop
        let evm = makeEVM(code: a)
        install(evm, asm("PUSH2 0xabcd") + returnTop, at: Addr.other)
        // B's output is 0x00…abcd; its first two bytes (00 00) land at 30..31.
        #expect(word(call(evm).output) == w("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff0000"))
    }
}
