import Testing
@testable import EVM
import UInt256

/// PUSH/DUP/SWAP/POP and stack limits. Sources: Yellow Paper §9.4.2 (exceptional halts:
/// stack underflow, |µs| > 1024), EIP-3855 (PUSH0 from Shanghai).
@Suite struct StackTests {
    @Test func underflowHalts() {
        for source in ["ADD", "1 ADD", "POP", "1 2 ADDMOD", "DUP1", "1 SWAP1", "0 0 0 0 0 0 CALL", "JUMP", "SSTORE"] {
            let (r, _) = run(asm(source + " STOP"))
            #expect(r.status == .stackUnderflow, "\(source)")
            #expect(r.gasLeft == 0, "\(source)")
        }
    }

    @Test func overflowAt1025Items() {
        // 1024 items fit.
        let (ok, _) = run([UInt8](repeating: 0, count: 0) + Array(repeating: asm("1"), count: 1024).flatMap { $0 } + asm("STOP"))
        #expect(ok.status == .success)
        // The 1025th push halts.
        let (r, _) = run(Array(repeating: asm("1"), count: 1025).flatMap { $0 } + asm("STOP"))
        #expect(r.status == .stackOverflow)
        #expect(r.gasLeft == 0)
        // So does a DUP at 1024 items, while a SWAP at 1024 items does not grow the stack.
        let (d, _) = run(Array(repeating: asm("1"), count: 1024).flatMap { $0 } + asm("DUP1 STOP"))
        #expect(d.status == .stackOverflow)
        let (s, _) = run(Array(repeating: asm("1"), count: 1024).flatMap { $0 } + asm("SWAP1 STOP"))
        #expect(s.status == .success)
    }

    @Test func dup16AndSwap16() {
        // Push 1…16: DUP16 copies the 16th item from the top, i.e. 1.
        let pushes = (1...16).map { "\($0)" }.joined(separator: " ")
        #expect(eval(asm(pushes + " DUP16")) == w(1))
        // Push 1…17: SWAP16 exchanges the top (17) with the 17th item (1).
        let pushes17 = (1...17).map { "\($0)" }.joined(separator: " ")
        #expect(eval(asm(pushes17 + " SWAP16")) == w(1))
        #expect(eval(asm(pushes17 + " SWAP16" + String(repeating: " POP", count: 16))) == w(17))
        // DUP16 needs 16 items, SWAP16 17.
        let fifteen = (1...15).map { "\($0)" }.joined(separator: " ")
        #expect(run(asm(fifteen + " DUP16 STOP")).result.status == .stackUnderflow)
        #expect(run(asm(pushes + " SWAP16 STOP")).result.status == .stackUnderflow)
        // DUPn/SWAPn cost G_verylow.
        #expect(gasUsed(run(asm(pushes + " DUP16 STOP")).result) == 16 * 3 + 3)
    }

    @Test func push0OnlyFromShanghai() {
        // EIP-3855: PUSH0 (0x5f) pushes 0 for G_base = 2.
        let (r, _) = run([0x5f, 0x00], fork: .shanghai)
        #expect(r.status == .success)
        #expect(gasUsed(r) == 2)
        #expect(eval([0x60, 0x07, 0x5f, 0x01], fork: .cancun) == w(7))  // 7 + PUSH0
        // Before Shanghai 0x5f is unassigned.
        let (l, _) = run([0x5f, 0x00], fork: .london)
        #expect(l.status == .invalidOpcode)
        #expect(l.gasLeft == 0)
    }

    @Test func pushReadsZerosPastTheEndOfCode() {
        // Yellow Paper: bytes past the end of the code read as 0 (STOP), so a truncated PUSH2 0x12
        // pushes 0x1200 and execution then stops; a truncated PUSH32 pads on the right.
        let rec = StackCapture()
        let evm = makeEVM(code: [0x61, 0x12])
        let r = call(evm, inspector: rec)
        #expect(r.status == .success)
        #expect(rec.stacks.last == [w(0x1200)])
        let rec2 = StackCapture()
        call(makeEVM(code: [0x7f, 0xab, 0xcd]), inspector: rec2)
        #expect(rec2.stacks.last == [w("0xabcd" + String(repeating: "0", count: 60))])
    }

    @Test func pushesOfEveryWidth() {
        for n in 1...32 {
            let imm = (1...n).map { UInt8($0) }
            let v = U256(bigEndianBytes: imm)
            #expect(eval([UInt8(0x5f + n)] + imm) == v, "PUSH\(n)")
        }
    }
}
