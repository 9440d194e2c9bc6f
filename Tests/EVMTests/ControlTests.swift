import Testing
@testable import EVM
import UInt256

/// JUMP/JUMPI/JUMPDEST/PC/GAS/STOP/INVALID and unassigned opcodes. Sources: Yellow Paper §9.4.2
/// (exceptional halts), §9.4.3 (valid jump destinations: JUMPDEST bytes that are not push data),
/// EIP-141 (0xfe INVALID).
@Suite struct ControlTests {
    @Test func jumpToJumpdest() {
        // 0: PUSH1 4, 2: JUMP, 3: INVALID, 4: JUMPDEST, 5: PUSH1 7 ...
        let code = asm("4 JUMP INVALID JUMPDEST 7") + returnTop
        let (r, _) = run(code)
        #expect(r.status == .success)
        #expect(word(r.output) == w(7))
    }

    @Test func jumpIntoPushDataIsBad() {
        // 0: PUSH1 4, 2: JUMP, 3: PUSH1 0x5b, 5: STOP — byte 4 is 0x5b but it is PUSH1's data.
        let (r, _) = run(bytes("6004 56 605b 00"))
        #expect(r.status == .badJumpDestination)
        #expect(r.gasLeft == 0)
        // A jump onto an opcode that is not JUMPDEST is bad too (byte 3 is PUSH1).
        #expect(run(bytes("6003 56 605b 00")).result.status == .badJumpDestination)
        // A JUMPDEST after the push data is fine: 0: PUSH1 5, 2: JUMP, 3: PUSH1 0x5b, 5: JUMPDEST.
        #expect(run(bytes("6005 56 605b 5b 00")).result.status == .success)
        // Inside PUSH32 data, at the end of the code and far beyond it.
        #expect(run(bytes("6004 56 7f5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b")).result.status == .badJumpDestination)
        #expect(run(asm("3 JUMP")).result.status == .badJumpDestination)          // code is 3 bytes
        #expect(run(asm("PUSH32 0x0100000000000000000000000000000000000000000000000000000000000000 JUMP")).result.status == .badJumpDestination)
    }

    @Test func jumpi() {
        // Taken: condition 1 to JUMPDEST at 7 (0: PUSH1 1, 2: PUSH1 7, 4: JUMPI, 5: PUSH1 0xaa? no).
        // Layout: 0: 1, 2: @dest, 5: JUMPI, 6: 0xaa, 8: @end JUMP, dest: 0xbb, end: JUMPDEST …
        let code = asm("1 @dest JUMPI 0xaa @end JUMP dest: JUMPDEST 0xbb end: JUMPDEST") + returnTop
        #expect(word(run(code).result.output) == w(0xbb))
        let notTaken = asm("0 @dest JUMPI 0xaa @end JUMP dest: JUMPDEST 0xbb end: JUMPDEST") + returnTop
        #expect(word(run(notTaken).result.output) == w(0xaa))
        // A false condition never validates the destination.
        #expect(run(asm("0 0xff JUMPI STOP")).result.status == .success)
        // A true one does.
        #expect(run(asm("1 0xff JUMPI STOP")).result.status == .badJumpDestination)
        // Any nonzero word is true.
        #expect(run(asm("PUSH32 0x8000000000000000000000000000000000000000000000000000000000000000 0xff JUMPI STOP")).result.status == .badJumpDestination)
        // Gas: JUMPI is G_high = 10, JUMP G_mid = 8, JUMPDEST 1.
        #expect(gasUsed(run(asm("0 0 JUMPI STOP")).result) == 3 + 3 + 10)
        #expect(gasUsed(run(asm("@d JUMP d: JUMPDEST STOP")).result) == 3 + 8 + 1)
    }

    @Test func invalidConsumesAllGas() {
        let (r, _) = run(asm("1 2 INVALID"), gas: 50_000)
        #expect(r.status == .invalidInstruction)
        #expect(r.gasLeft == 0)
        #expect(r.output.isEmpty)
    }

    @Test(arguments: [UInt8(0x0c), 0x0d, 0x0e, 0x0f, 0x1e, 0x1f, 0x21, 0x4b, 0x4f, 0xa5, 0xef, 0xf6, 0xfb, 0xfc])
    func unassignedOpcodesAreInvalid(op: UInt8) {
        for fork in [Fork.london, .cancun] {
            let (r, _) = run([0x60, 0x01, op, 0x00], gas: 50_000, fork: fork)
            #expect(r.status == .invalidOpcode, "0x\(String(op, radix: 16)) in \(fork)")
            #expect(r.gasLeft == 0)
        }
    }

    @Test func stopAndFallingOffTheEnd() {
        let (r, _) = run(asm("1 2"))
        #expect(r.status == .success)
        #expect(r.output.isEmpty)
        #expect(gasUsed(r) == 6)
        let (e, _) = run([])
        #expect(e.status == .success)
        #expect(gasUsed(e) == 0)
    }

    @Test func pcAndGas() {
        // PC is the position of the PC instruction itself.
        #expect(eval(asm("1 POP PC")) == w(3))
        // GAS pushes the gas left after paying for GAS (G_base = 2).
        let (r, _) = run(asm("GAS") + returnTop, gas: 100_000)
        #expect(word(r.output) == w(100_000 - 2))
    }

    @Test func returnAndRevertOutput() {
        let (r, _) = run(asm("0xabcd 0 MSTORE 2 30 RETURN"))
        #expect(r.status == .success)
        #expect(r.output == [0xab, 0xcd])
        // REVERT returns data and keeps the unused gas (EIP-140).
        let (v, _) = run(asm("0xabcd 0 MSTORE 2 30 REVERT"), gas: 100_000)
        #expect(v.status == .revert)
        #expect(v.output == [0xab, 0xcd])
        #expect(v.gasLeft == 100_000 - (3 + 3 + 6 + 3 + 3))
    }
}
