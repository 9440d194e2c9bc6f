import Testing
@testable import EVM
import UInt256

/// Gas and stack checked once per basic block (BlockAnalysis.swift) must be unobservable:
/// GAS, out-of-gas and stack faults as if each instruction were checked on its own. Expected
/// figures are Yellow Paper appendix G prices (verylow 3, base 2, mid 8, high 10, jumpdest 1,
/// G_memory 3 per word + words²/512) and §9.4.2's fault order: per instruction, stack first,
/// then gas.
@Suite struct BlockAnalysisTests {
    @Test func tableOfOneBlock() {
        // 0: PUSH1 1, 2: PUSH1 2, 4: ADD, 5: JUMPDEST, 6: POP, 7: STOP
        let code = Bytecode(bytes("6001 6002 01 5b 50 00"))
        let b0 = code.blocks[0]
        #expect(b0.gas == 3 + 3 + 3 + 1 + 2)           // JUMPDEST does not end a block
        #expect(b0.lowItems == -1)                      // needs no item on entry
        #expect(b0.rangeItems == 1024 - 2)              // rises by 2 at most
        let b5 = code.blocks[5]                         // a jump's entry at the JUMPDEST
        #expect(b5.gas == 1 + 2)
        #expect(b5.lowItems == 0)                       // POP needs one item
        #expect(b5.rangeItems == 1023)
    }

    @Test func blockEndsBeforeCheckedOpcodesAndAfterJumps() {
        // 0: PUSH1 0, 2: SLOAD, 3: PUSH1 9, 5: JUMP, 6: PUSH1 1, 8: STOP
        let code = Bytecode(bytes("6000 54 6009 56 6001 00"))
        #expect(code.blocks[0].gas == 3)                // SLOAD is charged by `step` itself
        #expect(code.blocks[2].gas == 0)
        #expect(code.blocks[3].gas == 3 + 8)            // ends with the JUMP
        #expect(code.blocks[6].gas == 3)
    }

    @Test func gasReadsAsIfChargedPerInstruction() {
        // PUSH1 PUSH1 ADD GAS: 3 + 3 + 3 + 2 spent when GAS reads; the rest of the block
        // (POP, the return sequence) is not yet charged.
        let code = asm("1 2 ADD GAS SWAP1 POP") + returnTop
        let (r, _) = run(code, gas: 100_000)
        #expect(r.status == .success)
        #expect(word(r.output) == w(100_000 - 11))
    }

    @Test func outOfGasInsideABlock() {
        // PUSH1 PUSH1 ADD POP STOP costs 11: 11 succeeds with 0 left, 10 runs out.
        let code = asm("1 2 ADD POP STOP")
        let ok = run(code, gas: 11).result
        #expect(ok.status == .success && ok.gasLeft == 0)
        let short = run(code, gas: 10).result
        #expect(short.status == .outOfGas && short.gasLeft == 0)
    }

    @Test func firstFaultWins() {
        // PUSH1 PUSH1 ADD ADD: the second ADD underflows; with 8 gas the first ADD (at 9 gas
        // spent) runs out before it.
        let code = asm("1 1 ADD ADD STOP")
        #expect(run(code, gas: 8).result.status == .outOfGas)
        #expect(run(code, gas: 1000).result.status == .stackUnderflow)
        // ADD on an empty stack underflows even when the block's gas is short too.
        #expect(run(asm("ADD 1 1 1 1"), gas: 2).result.status == .stackUnderflow)
        // The 1025th push overflows (Yellow Paper §9.4.2: at most 1024 items).
        let pushes = Array([[UInt8]](repeating: [0x60, 0x01], count: 1025).joined())
        let over = run(pushes, gas: 1_000_000).result
        #expect(over.status == .stackOverflow && over.gasLeft == 0)
        let fits = run(Array(pushes.dropLast(2)) + [0x00], gas: 1_000_000).result
        #expect(fits.status == .success && fits.gasLeft == 1_000_000 - 1024 * 3)
    }

    @Test func jumpIntoARunOfJumpdests() {
        // 0: PUSH1 5, 2: JUMP, 3: JUMPDEST, 4: JUMPDEST, 5: JUMPDEST, 6: JUMPDEST, 7: STOP.
        // Charged: 3 + 8, then the two JUMPDESTs from 5 on: 13; falling into them from 0 instead
        // would be a different count, so the jump must charge its destination's block only.
        let r = run(bytes("6005 56 5b 5b 5b 5b 00"), gas: 1000).result
        #expect(r.status == .success && gasUsed(r, 1000) == 13)
        // A run of JUMPDESTs is stepped over as a whole: each knows how many follow it.
        let runs = Bytecode(bytes("5b 5b 5b 00 5b 00"))
        #expect([0, 1, 2, 3, 4].map { runs.blocks[$0].skip } == [2, 1, 0, 0, 0])
        // Landing inside a run, then running on past it: 3 + 8 + 2 + PUSH1 3 = 16, output 7.
        let (past, _) = run(asm("5 JUMP JUMPDEST JUMPDEST JUMPDEST JUMPDEST 7") + returnTop, gas: 1000)
        #expect(past.status == .success && word(past.output) == w(7))
        // + returnTop: PUSH1 0, MSTORE (3 and one word of memory, 3), PUSH1 32, PUSH1 0, RETURN (0)
        #expect(gasUsed(past, 1000) == 16 + 3 + (3 + 3) + 3 + 3 + 0)
        // Falling through four JUMPDESTs: 4.
        let fall = run(bytes("5b 5b 5b 5b 00"), gas: 1000).result
        #expect(fall.status == .success && gasUsed(fall, 1000) == 4)
        // A loop: i = 3; do { i -= 1 } while i != 0. Per pass JUMPDEST 1, PUSH1 3, SWAP1 3,
        // SUB 3, DUP1 3, PUSH1 3, JUMPI 10 = 26; set-up PUSH1 3; exit POP 2, STOP 0.
        let loop = asm("3 top: JUMPDEST 1 SWAP1 SUB DUP1 @top JUMPI POP STOP")
        let l = run(loop, gas: 1000).result
        #expect(l.status == .success)
        #expect(gasUsed(l, 1000) == 3 + 3 * 26 + 2)
    }

    @Test func memoryGrowthInsideABlockStillRunsOutOfGas() {
        // PUSH3 0xfffe0, MLOAD (32 bytes ending at 2^20): 3 + 3 + memory for 32768 words,
        // 3·32768 + 32768²/512 = 98304 + 2097152; the trailing POP costs 2.
        let code = asm("0xfffe0 MLOAD POP STOP")
        let need: Int64 = 3 + 3 + 98_304 + 2_097_152 + 2
        #expect(run(code, gas: need).result.status == .success)
        #expect(run(code, gas: need - 1).result.status == .outOfGas)
    }

    @Test func tracerSeesEveryInstructionsOwnGas() {
        // The per-instruction loop serves inspectors that observe steps.
        let code = asm("1 2 ADD POP STOP")
        let rec = StepRecorder()
        let evm = makeEVM(code: code)
        _ = call(evm, gas: 1000, inspector: rec)
        let costs = rec.steps.map { step in step.gasAfter.map { step.gasBefore - $0 } }
        #expect(costs == [3, 3, 3, 2, 0])
    }
}
