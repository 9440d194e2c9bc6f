import Testing
@testable import EVM
import UInt256

/// SLOAD/SSTORE/TLOAD/TSTORE. Sources: EIP-2200 (net gas metering), EIP-2929 (cold/warm costs),
/// EIP-3529 "Test Cases" tables (used gas and refund with the slot already warm), EIP-1153.
@Suite struct StorageTests {
    /// Runs `code` against slot 0 holding `original`, as a top-level call whose access list
    /// already holds slot 0 (the EIP-3529 tables assume all touched slots are hot).
    func runWarm(_ code: [UInt8], original: UInt64, fork: Fork, gas: Int64 = 100_000) -> (CallResult, EVM) {
        let evm = makeEVM(code: code, fork: fork, storage: original == 0 ? [:] : [.zero: w(original)])
        let message = Message(gas: gas, recipient: Addr.contract, sender: Addr.sender)
        let r = DeepStack.run { () -> CallResult in
            evm.state.beginTransaction()
            evm.state.warmAddress(Addr.sender)
            evm.state.warmAddress(Addr.contract)
            evm.state.warmSlot(Addr.contract, .zero)
            let r = evm.execute(message)
            evm.state.finalizeTransaction()
            return r
        }
        return (r, evm)
    }

    // (code, used gas, refund, original): EIP-3529 "With reduced refunds" (London and later).
    static let london: [(String, Int64, Int64, UInt64)] = [
        ("0x60006000556000600055", 212, 0, 0),
        ("0x60006000556001600055", 20112, 0, 0),
        ("0x60016000556000600055", 20112, 19900, 0),
        ("0x60016000556002600055", 20112, 0, 0),
        ("0x60016000556001600055", 20112, 0, 0),
        ("0x60006000556000600055", 3012, 4800, 1),
        ("0x60006000556001600055", 3012, 2800, 1),
        ("0x60006000556002600055", 3012, 0, 1),
        ("0x60026000556000600055", 3012, 4800, 1),
        ("0x60026000556003600055", 3012, 0, 1),
        ("0x60026000556001600055", 3012, 2800, 1),
        ("0x60026000556002600055", 3012, 0, 1),
        ("0x60016000556000600055", 3012, 4800, 1),
        ("0x60016000556002600055", 3012, 0, 1),
        ("0x60016000556001600055", 212, 0, 1),
        ("0x600160005560006000556001600055", 40118, 19900, 0),
        ("0x600060005560016000556000600055", 5918, 7600, 1),
    ]

    // EIP-3529 "2929 Gas Costs" table: Berlin (EIP-2929 without EIP-3529's smaller refund).
    static let berlin: [(String, Int64, Int64, UInt64)] = [
        ("0x60006000556000600055", 212, 0, 0),
        ("0x60006000556001600055", 20112, 0, 0),
        ("0x60016000556000600055", 20112, 19900, 0),
        ("0x60016000556002600055", 20112, 0, 0),
        ("0x60016000556001600055", 20112, 0, 0),
        ("0x60006000556000600055", 3012, 15000, 1),
        ("0x60006000556001600055", 3012, 2800, 1),
        ("0x60006000556002600055", 3012, 0, 1),
        ("0x60026000556000600055", 3012, 15000, 1),
        ("0x60026000556003600055", 3012, 0, 1),
        ("0x60026000556001600055", 3012, 2800, 1),
        ("0x60026000556002600055", 3012, 0, 1),
        ("0x60016000556000600055", 3012, 15000, 1),
        ("0x60016000556002600055", 3012, 0, 1),
        ("0x60016000556001600055", 212, 0, 1),
        ("0x600160005560006000556001600055", 40118, 19900, 0),
        ("0x600060005560016000556000600055", 5918, 17800, 1),
    ]

    func check(_ table: [(String, Int64, Int64, UInt64)], forks: [Fork]) {
        for fork in forks {
            for (i, (code, used, refund, original)) in table.enumerated() {
                let (r, _) = runWarm(bytes(code), original: original, fork: fork)
                #expect(r.status == .success, "\(fork) row \(i + 1)")
                #expect(100_000 - r.gasLeft == used, "\(fork) row \(i + 1) \(code) original \(original): used gas")
                #expect(r.gasRefund == refund, "\(fork) row \(i + 1) \(code) original \(original): refund")
                // Cold: the same plus one EIP-2929 cold-slot surcharge of 2100 (EIP-3529's note).
                let (c, _) = run(bytes(code), gas: 100_000, fork: fork, storage: original == 0 ? [:] : [.zero: w(original)])
                #expect(gasUsed(c, 100_000) == used + 2100, "\(fork) row \(i + 1) cold")
                #expect(c.gasRefund == refund, "\(fork) row \(i + 1) cold refund")
            }
        }
    }

    @Test func sstoreEIP3529TableLondonRules() { check(Self.london, forks: [.london, .paris, .shanghai, .cancun]) }
    @Test func sstoreEIP3529TableBerlinRules() { check(Self.berlin, forks: [.berlin]) }

    @Test func sstoreWritesAndFinalValues() {
        let (r, evm) = run(bytes("0x600160005560006000556001600055"))
        #expect(r.status == .success)
        #expect(evm.state.storage(Addr.contract, .zero) == w(1))
        let (_, e2) = run(bytes("0x60026000556000600055"), storage: [.zero: w(1)])
        #expect(e2.state.storage(Addr.contract, .zero) == .zero)
    }

    @Test func sstoreNeedsMoreThanTheStipend() {
        // EIP-2200: SSTORE fails (out of gas) if gas left <= 2300, even for a no-op store.
        // Two PUSH1 cost 6, leaving exactly 2300 at the SSTORE.
        let (r, _) = run(bytes("0x6001600055"), gas: 2306, storage: [.zero: w(1)])
        #expect(r.status == .outOfGas)
        #expect(r.gasLeft == 0)
        // With 2301 left the check passes and the cold no-op store costs 2100 + 100.
        let (ok, _) = run(bytes("0x6001600055"), gas: 2307, storage: [.zero: w(1)])
        #expect(ok.status == .success)
        #expect(ok.gasLeft == 2307 - 6 - 2200)
    }

    @Test func coldAndWarmSload() {
        // EIP-2929: first SLOAD of a slot costs 2100, later ones 100.
        let rec = StepRecorder()
        let evm = makeEVM(code: asm("0 SLOAD 0 SLOAD 1 SLOAD STOP"), storage: [.zero: w(5)])
        let r = call(evm, inspector: rec)
        #expect(r.status == .success)
        let costs = rec.steps.filter { $0.op == 0x54 }.map { $0.gasBefore - ($0.gasAfter ?? 0) }
        #expect(costs == [2100, 100, 2100])
        #expect(gasUsed(r) == 9 + 2100 + 100 + 2100)
        // The slot's value.
        #expect(eval(asm("0 SLOAD")) == .zero)
        let (v, _) = run(asm("0 SLOAD") + returnTop, storage: [.zero: w(5)])
        #expect(word(v.output) == w(5))
        // A slot written by SSTORE is warm for SLOAD afterwards (2100 once, paid by SSTORE).
        let rec2 = StepRecorder()
        call(makeEVM(code: asm("7 3 SSTORE 3 SLOAD STOP")), inspector: rec2)
        #expect(rec2.cost(of: "SLOAD") == 100)
        #expect(rec2.cost(of: "SSTORE") == Int64(2100 + 20000))
    }

    @Test func warmSlotsAreForgottenBetweenTransactions() {
        let evm = makeEVM(code: asm("0 SLOAD STOP"))
        #expect(gasUsed(call(evm)) == 3 + 2100)
        #expect(gasUsed(call(evm)) == 3 + 2100)
    }

    @Test func refundsOfChildrenCountOnlyIfTheySucceed() {
        // B clears its slot 0 (original 1): EIP-3529 refund 4800, passed up to A on success and
        // dropped when B reverts (Yellow Paper: a failed frame's substate is discarded).
        for (end, refund) in [("STOP", Int64(4800)), ("0 0 REVERT", Int64(0))] {
            let evm = makeEVM(code: asm("\(callText(to: Addr.other)) STOP"))
            install(evm, asm("0 0 SSTORE \(end)"), at: Addr.other, storage: [.zero: w(1)])
            let r = call(evm)
            #expect(r.status == .success)
            #expect(r.gasRefund == refund, "\(end)")
        }
    }

    // MARK: transient storage (EIP-1153)

    @Test func tloadTstoreWithinATransaction() {
        // TSTORE(1, 42) then TLOAD(1): 42; each costs 100 (EIP-1153).
        let (r, _) = run(asm("42 1 TSTORE 1 TLOAD") + returnTop)
        #expect(word(r.output) == w(42))
        let (g, _) = run(asm("42 1 TSTORE 1 TLOAD STOP"))
        #expect(gasUsed(g) == 3 + 3 + 100 + 3 + 100)
        // Transient storage is per contract address and not persistent storage.
        let (_, evm) = run(asm("42 1 TSTORE STOP"))
        #expect(evm.state.storage(Addr.contract, w(1)) == .zero)
    }

    @Test func transientValuesVanishAfterTheTransaction() {
        // Input empty: store 42 in slot 1; input nonempty: return TLOAD(1).
        let code = asm("CALLDATASIZE @read JUMPI 42 1 TSTORE 1 TLOAD \(ret) read: JUMPDEST 1 TLOAD \(ret)")
        let evm = makeEVM(code: code)
        #expect(word(call(evm).output) == w(42))
        #expect(word(call(evm, input: [1]).output) == .zero)   // a new transaction
    }

    @Test func transientStorageIsRevertedWithTheFrame() {
        // B: with no input, TSTORE(1, 5) then REVERT (or STOP when `stop` is set); with input, return TLOAD(1).
        func b(revert: Bool) -> [UInt8] {
            asm("CALLDATASIZE @read JUMPI 5 1 TSTORE 0 0 \(revert ? "REVERT" : "RETURN") read: JUMPDEST 1 TLOAD") + returnTop
        }
        // A: CALL B without input, then CALL B with 1 byte of input, return B's answer.
        let a = asm("0 0 0 0 0 \(Addr.other.word.hexString) GAS CALL POP 32 0 1 0 0 \(Addr.other.word.hexString) GAS CALL POP 32 0 RETURN")
        for (revert, expected) in [(true, U256.zero), (false, U256(5))] {
            let evm = makeEVM(code: a)
            install(evm, b(revert: revert), at: Addr.other)
            let r = call(evm)
            #expect(r.status == .success)
            #expect(word(r.output) == expected, "revert \(revert)")
        }
    }

    @Test func tstoreInStaticContextHalts() {
        // EIP-1153: TSTORE in a static frame is a write-protection error; TLOAD is allowed.
        let evm = makeEVM(code: asm("1 1 TSTORE STOP"))
        let m = Message(isStatic: true, gas: 100_000, recipient: Addr.contract, sender: Addr.sender)
        let r = DeepStack.run { evm.call(m) }
        #expect(r.status == .staticStateChange)
        #expect(r.gasLeft == 0)
        let evm2 = makeEVM(code: asm("1 TLOAD STOP"))
        let m2 = Message(isStatic: true, gas: 100_000, recipient: Addr.contract, sender: Addr.sender)
        #expect(DeepStack.run { evm2.call(m2) }.status == .success)
        // Through STATICCALL: the callee fails, the caller sees 0 and continues.
        let caller = makeEVM(code: asm("0 0 0 0 \(Addr.other.word.hexString) GAS STATICCALL") + returnTop)
        install(caller, asm("1 1 TSTORE STOP"), at: Addr.other)
        let rec = StepRecorder()
        let cr = call(caller, inspector: rec)
        #expect(cr.status == .success)
        #expect(word(cr.output) == .zero)
        #expect(rec.results.first?.status == .staticStateChange)
    }

    @Test func tloadTstoreInvalidBeforeCancun() {
        #expect(run(asm("1 TLOAD STOP"), fork: .shanghai).result.status == .invalidOpcode)
        #expect(run(asm("1 1 TSTORE STOP"), fork: .shanghai).result.status == .invalidOpcode)
    }
}
