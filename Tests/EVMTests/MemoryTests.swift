import Testing
@testable import EVM
import UInt256

/// MLOAD/MSTORE/MSTORE8/MSIZE/MCOPY/KECCAK256. Sources: Yellow Paper §9.1 and appendix H
/// (C_mem(a) = 3a + ⌊a²/512⌋, G_keccak256 = 30, G_keccak256word = 6), EIP-5656 test cases.
@Suite struct MemoryTests {
    /// Yellow Paper memory cost for `a` words.
    func memCost(_ a: Int64) -> Int64 { 3 * a + a * a / 512 }

    @Test func keccakOfEmptyString() {
        // keccak256("") = 0xc5d2…a470 (Keccak-256 of the empty input; also the empty code hash).
        let (r, _) = run(asm("0 0 KECCAK256") + returnTop)
        #expect(word(r.output) == w("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"))
        // Gas alone: PUSH1·2 + 30 + 6·0 words + no memory.
        let (g, _) = run(asm("0 0 KECCAK256 STOP"))
        #expect(gasUsed(g) == 3 + 3 + 30)
    }

    @Test func keccakGasPerWordAndMemory() {
        // keccak256(32 zero bytes) = 0x290decd9…e563 (the well-known hash of slot 0).
        let (r, _) = run(asm("32 0 KECCAK256") + returnTop)
        #expect(word(r.output) == w("0x290decd9548b62a8d60345a988386fc84ba6bc95484008f6362f93160ef3e563"))
        // 32 bytes: 30 + 6·1 + C_mem(1) = 3.
        let (a, _) = run(asm("32 0 KECCAK256 STOP"))
        #expect(gasUsed(a) == 6 + 30 + 6 + memCost(1))
        // 33 bytes: 30 + 6·2 + C_mem(2).
        let (b, _) = run(asm("33 0 KECCAK256 STOP"))
        #expect(gasUsed(b) == 6 + 30 + 12 + memCost(2))
        // Size 0 at a huge offset touches no memory.
        let (c, _) = run(asm("0 PUSH32 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff KECCAK256 STOP"))
        #expect(c.status == .success)
        #expect(gasUsed(c) == 6 + 30)
    }

    @Test func mstoreExpansionGas() {
        // MSTORE at 0: 3 (G_verylow) + C_mem(1) = 3 → 6; plus two PUSH1.
        let (a, _) = run(asm("1 0 MSTORE STOP"))
        #expect(gasUsed(a) == 6 + 3 + 3)
        // MSTORE at 0x1000: the word ends at 4128 bytes = 129 words: 3·129 + ⌊129²/512⌋ = 387 + 32.
        let (b, _) = run(asm("1 0x1000 MSTORE STOP"))
        #expect(memCost(129) == 419)
        #expect(gasUsed(b) == 6 + 3 + 419)
        // MSTORE at 0x10000: 2049 words: 6147 + ⌊2049²/512⌋ = 6147 + 8200.
        let (c, _) = run(asm("1 0x10000 MSTORE STOP"))
        #expect(gasUsed(c) == 6 + 3 + 14347)
        // Expansion charges only the difference: after one word, going to 129 words costs 419 - 3.
        let rec = StepRecorder()
        let evm = makeEVM(code: asm("1 0 MSTORE 1 0x1000 MSTORE STOP"))
        call(evm, inspector: rec)
        let mstores = rec.steps.filter { $0.op == 0x52 }
        #expect(mstores.count == 2)
        #expect(mstores.map { $0.gasBefore - ($0.gasAfter ?? 0) } == [6, 3 + 416])
        // A store inside already-paid memory costs just G_verylow.
        let (d, _) = run(asm("1 0x20 MSTORE 1 0 MSTORE STOP"))
        #expect(gasUsed(d) == 12 + (3 + memCost(2)) + 3)
    }

    @Test func msizeRoundsUpToWords() {
        #expect(eval(asm("MSIZE")) == .zero)
        // MSTORE8 at 0x20 touches byte 32: memory becomes 2 words.
        #expect(eval(asm("1 0x20 MSTORE8 MSIZE")) == w(64))
        // MLOAD at 0x3f reads up to byte 0x5e: 3 words.
        #expect(eval(asm("0x3f MLOAD POP MSIZE")) == w(96))
        // Zero-size accesses don't expand (KECCAK256, RETURN-style ranges).
        #expect(eval(asm("0 0x1000 KECCAK256 POP MSIZE")) == .zero)
    }

    @Test func mloadMstoreMstore8() {
        #expect(eval(asm("PUSH32 0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20 0 MSTORE 1 MLOAD"))
                == w("0x02030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2000"))
        // MSTORE8 stores the low byte only.
        #expect(eval(asm("0x1234 0 MSTORE8 0 MLOAD")) == w("0x3400000000000000000000000000000000000000000000000000000000000000"))
    }

    // EIP-5656 test cases: pre memory, MCOPY dst src length, post memory, 6 gas for the MCOPY.
    func mcopy(pre: [UInt8], dst: Int, src: Int, length: Int) -> (post: [UInt8], cost: Int64?) {
        let code = storeInMemory(pre)
            + asm("\(length) \(src) \(dst) MCOPY \(pre.count) 0 RETURN")
        let rec = StepRecorder()
        let evm = makeEVM(code: code)
        let r = call(evm, inspector: rec)
        #expect(r.status == .success)
        return (r.output, rec.cost(of: "MCOPY"))
    }

    @Test func mcopyEIP5656Case1() {
        let pre = bytes("0000000000000000000000000000000000000000000000000000000000000000 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")
        let (post, cost) = mcopy(pre: pre, dst: 0, src: 32, length: 32)
        #expect(post == bytes("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"))
        #expect(cost == 6)
    }

    @Test func mcopyEIP5656Case2() {
        let pre = bytes("0101010101010101010101010101010101010101010101010101010101010101")
        let (post, cost) = mcopy(pre: pre, dst: 0, src: 0, length: 32)
        #expect(post == pre)
        #expect(cost == 6)
    }

    @Test func mcopyEIP5656Case3Overlapping() {
        let pre = bytes("000102030405060708 0000000000000000000000000000000000000000000000")
        let (post, cost) = mcopy(pre: pre, dst: 0, src: 1, length: 8)
        #expect(post == bytes("010203040506070808 0000000000000000000000000000000000000000000000"))
        #expect(cost == 6)
    }

    @Test func mcopyEIP5656Case4Overlapping() {
        // The EIP's post string for `MCOPY 1 0 8` is 00000102030405060708…, which is what a copy of
        // 9 bytes gives (byte 9 becomes 08); copying 8 bytes leaves byte 9 at its pre value 00.
        // We check the EIP's semantics ("as if an intermediate buffer were used") for both lengths.
        let pre = bytes("000102030405060708 0000000000000000000000000000000000000000000000")
        let (post8, cost) = mcopy(pre: pre, dst: 1, src: 0, length: 8)
        #expect(post8 == bytes("00000102030405060700 00000000000000000000000000000000000000000000"))
        #expect(cost == 6)
        let (post9, _) = mcopy(pre: pre, dst: 1, src: 0, length: 9)
        #expect(post9 == bytes("00000102030405060708 00000000000000000000000000000000000000000000"))
    }

    @Test func mcopyExpansionAndZeroLength() {
        // With 1 word in use, copying 32 bytes to 0x40 grows memory to 3 words:
        // 3 + 3·1 + (C_mem(3) - C_mem(1)) = 6 + 6.
        let rec = StepRecorder()
        let evm = makeEVM(code: asm("1 0 MSTORE 32 0 0x40 MCOPY MSIZE") + returnTop)
        let r = call(evm, inspector: rec)
        #expect(word(r.output) == w(96))
        #expect(rec.cost(of: "MCOPY") == 6 + (memCost(3) - memCost(1)))
        // Length 0 at absurd offsets: no expansion, just G_verylow.
        let huge = "PUSH32 0x8000000000000000000000000000000000000000000000000000000000000000"
        let rec2 = StepRecorder()
        let evm2 = makeEVM(code: asm("0 \(huge) \(huge) MCOPY MSIZE") + returnTop)
        let r2 = call(evm2, inspector: rec2)
        #expect(r2.status == .success)
        #expect(word(r2.output) == .zero)
        #expect(rec2.cost(of: "MCOPY") == 3)
    }

    @Test func mcopyIsCancunOnly() {
        let (r, _) = run(asm("0 0 0 MCOPY STOP"), fork: .shanghai)
        #expect(r.status == .invalidOpcode)
        #expect(r.gasLeft == 0)
    }

    @Test(arguments: [
        "1 PUSH32 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff MSTORE",
        "1 PUSH9 0x010000000000000000 MSTORE",                               // 2^64
        "1 PUSH4 0xffffffff MSTORE",                                         // just under 4 GiB
        "1 PUSH32 0x8000000000000000000000000000000000000000000000000000000000000000 MSTORE8",
        "PUSH32 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff MLOAD",
        "PUSH32 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff 0 KECCAK256",
        "PUSH32 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff 0 0 CALLDATACOPY",
        "PUSH5 0x0100000000 0 0 CODECOPY",
        "1 0 PUSH32 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff MCOPY",
        "PUSH32 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff 0 RETURN",
        "1 PUSH32 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff REVERT",
        "PUSH32 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff 0 LOG0",
        "PUSH32 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff 0 0 0 0 0 0 CALL",
    ])
    func absurdOffsetsRunOutOfGas(source: String) {
        // Yellow Paper: memory cost grows quadratically, so these are out of gas (not a crash).
        let (r, _) = run(asm(source + " STOP"), gas: 10_000_000)
        #expect(r.status == .outOfGas)
        #expect(r.gasLeft == 0)
    }
}
