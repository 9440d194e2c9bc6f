import Testing
@testable import EVM
import UInt256

/// REVERT (EIP-140) undoing state, logs and nested effects; LOG0…LOG4. Sources: EIP-140,
/// Yellow Paper §8 (a failed call reverts its state changes), appendix H (G_log = 375,
/// G_logtopic = 375, G_logdata = 8 per byte).
@Suite struct RevertAndLogTests {
    /// B: SSTORE(0, 1), LOG1(topic 0xbb) of 0 bytes, then `end`.
    func b(end: String) -> [UInt8] { asm("1 0 SSTORE 0xbb 0 0 LOG1 \(end)") }

    @Test func revertUndoesStorageLogsAndNestedCall() {
        // A: SSTORE(0, 2), LOG0, CALL B (which stores and logs, and succeeds), then REVERT.
        let a = asm("2 0 SSTORE 0 0 LOG0 \(callText(to: Addr.other)) POP 0xdead 0 MSTORE 32 0 REVERT")
        let evm = makeEVM(code: a, storage: [w(5): w(5)])
        install(evm, b(end: "STOP"), at: Addr.other)
        let r = call(evm, gas: 200_000)
        #expect(r.status == .revert)
        #expect(word(r.output) == w(0xdead))
        #expect(r.gasLeft > 0)                         // REVERT keeps the unused gas
        #expect(r.gasRefund == 0)
        #expect(evm.state.storage(Addr.contract, .zero) == .zero)
        #expect(evm.state.storage(Addr.contract, w(5)) == w(5))
        #expect(evm.state.storage(Addr.other, .zero) == .zero)
        #expect(evm.state.logs.isEmpty)
    }

    @Test func revertUndoesValueTransfersAndCreations() {
        // A sends 7 wei to C, creates a contract, then reverts: balances and nonce are unchanged.
        let a = asm("\(callText(to: Addr.third, value: 7)) POP 0 0 0 CREATE POP 0 0 REVERT")
        let evm = makeEVM(code: a, contractBalance: w(100))
        let r = call(evm, gas: 200_000)
        #expect(r.status == .revert)
        #expect(evm.state.balance(Addr.contract) == w(100))
        #expect(evm.state.balance(Addr.third) == .zero)
        #expect(evm.state.nonce(Addr.contract) == 1)
    }

    @Test func nestedRevertWhileCallerContinues() {
        // B stores, logs, then REVERTs with 3 bytes. A records CALL's result and RETURNDATASIZE,
        // logs LOG0 itself and stops normally.
        let a = asm("\(callText(to: Addr.other)) 1 SSTORE RETURNDATASIZE 2 SSTORE 3 3 SSTORE 0 0 LOG0 STOP")
        let evm = makeEVM(code: a, storage: [w(1): w(9)])
        install(evm, b(end: "3 0 REVERT"), at: Addr.other)
        let r = call(evm, gas: 200_000)
        #expect(r.status == .success)
        #expect(evm.state.storage(Addr.other, .zero) == .zero)       // B's store undone
        #expect(evm.state.storage(Addr.contract, w(1)) == .zero)     // CALL returned 0
        #expect(evm.state.storage(Addr.contract, w(2)) == w(3))      // revert data kept
        #expect(evm.state.storage(Addr.contract, w(3)) == w(3))      // A's own effects stay
        #expect(evm.state.logs.count == 1)
        #expect(evm.state.logs.first?.address == Addr.contract)
        #expect(evm.state.logs.first?.topics == [])
    }

    @Test func failedNestedCallLosesItsGasButNotTheCallers() {
        // B halts with INVALID: it consumes all the gas it was given (here 1000), nothing more.
        let a = asm("\(callText(to: Addr.other, gas: "1000")) STOP")
        let evm = makeEVM(code: a)
        install(evm, asm("1 0 SSTORE INVALID"), at: Addr.other)
        let r = call(evm, gas: 100_000)
        #expect(r.status == .success)
        // 7 pushes + CALL to a cold account (2600) + the 1000 forwarded and lost.
        #expect(gasUsed(r, 100_000) == 21 + 2600 + 1000)
        #expect(evm.state.storage(Addr.other, .zero) == .zero)
    }

    // MARK: logs

    @Test(arguments: 0...4)
    func logTopicsDataAndGas(topics n: Int) {
        // Data: 5 bytes from memory offset 27 of word 0x…0102030405; topics 0xa0…0xa0+n-1.
        let topicPushes = (0..<n).reversed().map { "\(0xa0 + $0)" }.joined(separator: " ")
        let code = asm("0x0102030405 0 MSTORE \(topicPushes) 5 27 LOG\(n) STOP")
        let rec = StepRecorder()
        let evm = makeEVM(code: code)
        let r = call(evm, inspector: rec)
        #expect(r.status == .success)
        #expect(evm.state.logs.count == 1)
        let log = evm.state.logs.first
        #expect(log?.address == Addr.contract)
        #expect(log?.topics == (0..<n).map { U256(UInt64(0xa0 + $0)) })
        #expect(log?.data == [1, 2, 3, 4, 5])
        // 375 + 375·topics + 8·bytes; memory already paid by the MSTORE.
        #expect(rec.cost(of: "LOG\(n)") == Int64(375 + 375 * n + 8 * 5))
    }

    @Test func logMemoryExpansionAndEmptyData() {
        // LOG0 of 64 bytes at 0 with fresh memory: 375 + 8·64 + C_mem(2) = 375 + 512 + 6.
        let rec = StepRecorder()
        let evm = makeEVM(code: asm("64 0 LOG0 STOP"))
        call(evm, inspector: rec)
        #expect(rec.cost(of: "LOG0") == Int64(375 + 512 + 6))
        #expect(evm.state.logs.first?.data == [UInt8](repeating: 0, count: 64))
        // Zero bytes at a huge offset: no expansion.
        let (r, e2) = run(asm("0 PUSH32 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff LOG0 STOP"))
        #expect(r.status == .success)
        #expect(gasUsed(r) == 6 + 375)
        #expect(e2.state.logs.first?.data == [])
    }

    @Test func logsAreOrderedAcrossFrames() {
        let a = asm("1 0 0 LOG1 \(callText(to: Addr.other)) POP 3 0 0 LOG1 STOP")
        let evm = makeEVM(code: a)
        install(evm, asm("2 0 0 LOG1 STOP"), at: Addr.other)
        call(evm)
        #expect(evm.state.logs.map { $0.topics } == [[w(1)], [w(2)], [w(3)]])
        #expect(evm.state.logs.map { $0.address } == [Addr.contract, Addr.other, Addr.contract])
    }
}
