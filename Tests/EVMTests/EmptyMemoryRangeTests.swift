import Testing
@testable import EVM
import UInt256

/// A zero-size memory range at any offset touches no memory and costs no expansion gas
/// (Yellow Paper §9.1: M(s, f, 0) = s; the execution specs' `calculate_gas_extend_memory`
/// skips empty ranges). Issue 8: `porvm run --code 5f5f5f1937` (a zero-size CALLDATACOPY to
/// 2^256 - 1) trapped. Every opcode that takes an offset and a size is checked here with
/// offsets from 2^63 up; gas = the pushes (3 each, PUSH0 2) + the opcode's static cost.
@Suite struct EmptyMemoryRangeTests {
    /// Offsets that do not fit an Int, each pushed for 3 gas.
    static let hugeOffsets = [
        "PUSH8 0x8000000000000000", "PUSH8 0xffffffffffffffff", "PUSH9 0x010000000000000000",
        "PUSH32 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    ]

    @Test func reportedReproducer() {
        // PUSH0 PUSH0 PUSH0 NOT CALLDATACOPY: 2 + 2 + 2 + 3 + 3.
        let (r, _) = run(bytes("5f5f5f1937"), fork: .shanghai)
        #expect(r.status == .success)
        #expect(gasUsed(r) == 12)
    }

    @Test(arguments: hugeOffsets)
    func copiesToHugeDestination(_ offset: String) {
        for op in ["CALLDATACOPY", "CODECOPY", "RETURNDATACOPY", "MCOPY"] {
            let (r, _) = run(asm("0 0 \(offset) \(op) STOP"))
            #expect(r.status == .success, "\(op)")
            #expect(gasUsed(r) == 3 * 3 + 3, "\(op)")            // G_verylow, 0 words copied
        }
        // MCOPY with the huge offset as the source.
        let (m, _) = run(asm("0 \(offset) 0 MCOPY STOP"))
        #expect(m.status == .success)
        #expect(gasUsed(m) == 12)
        // EXTCODECOPY of the running contract (warm, EIP-2929: 100): pushes + ADDRESS (2) + 100.
        let (e, _) = run(asm("0 0 \(offset) ADDRESS EXTCODECOPY STOP"))
        #expect(e.status == .success)
        #expect(gasUsed(e) == 9 + 2 + 100)
    }

    @Test(arguments: hugeOffsets)
    func hashLogReturnRevertAtHugeOffset(_ offset: String) {
        let (k, _) = run(asm("0 \(offset) KECCAK256 STOP"))
        #expect(k.status == .success)
        #expect(gasUsed(k) == 6 + 30)
        // LOG2: 375 + 2·375 topics + 8·0 bytes.
        let (l, evm) = run(asm("7 8 0 \(offset) LOG2 STOP"))
        #expect(l.status == .success)
        #expect(gasUsed(l) == 12 + 375 * 3)
        #expect(evm.state.logs.count == 1 && evm.state.logs.first?.data == [])
        let (ret, _) = run(asm("0 \(offset) RETURN"))
        #expect(ret.status == .success && ret.output.isEmpty && gasUsed(ret) == 6)
        let (rev, _) = run(asm("0 \(offset) REVERT"))
        #expect(rev.status == .revert && rev.output.isEmpty && gasUsed(rev) == 6)
    }

    @Test(arguments: hugeOffsets)
    func callsWithEmptyArgumentsAndReturnAtHugeOffsets(_ offset: String) {
        // An empty, cold account (EIP-2929: 2600) called with 0 gas; in/out ranges empty.
        let target = "PUSH20 0x00000000000000000000000000000000000000ff"
        for op in ["CALL", "CALLCODE"] {
            let (r, _) = run(asm("0 \(offset) 0 \(offset) 0 \(target) 0 \(op) STOP"))
            #expect(r.status == .success, "\(op)")
            #expect(gasUsed(r) == 7 * 3 + 2600, "\(op)")
        }
        for op in ["DELEGATECALL", "STATICCALL"] {
            let (r, _) = run(asm("0 \(offset) 0 \(offset) \(target) 0 \(op) STOP"))
            #expect(r.status == .success, "\(op)")
            #expect(gasUsed(r) == 6 * 3 + 2600, "\(op)")
        }
    }

    @Test(arguments: hugeOffsets)
    func createsWithEmptyInitCodeAtHugeOffset(_ offset: String) {
        // G_create 32000; empty init code runs nothing and deploys empty code (no deposit).
        let (c, _) = run(asm("0 \(offset) 0 CREATE STOP"))
        #expect(c.status == .success)
        #expect(gasUsed(c) == 9 + 32_000)
        let (c2, _) = run(asm("1 0 \(offset) 0 CREATE2 STOP"))
        #expect(c2.status == .success)
        #expect(gasUsed(c2) == 12 + 32_000)
    }

    @Test(arguments: hugeOffsets)
    func nonEmptyRangeAtHugeOffsetIsOutOfGas(_ offset: String) {
        for op in ["CALLDATACOPY", "CODECOPY", "MCOPY"] {
            let (r, _) = run(asm("1 0 \(offset) \(op) STOP"))
            #expect(r.status == .outOfGas, "\(op)")
            #expect(r.gasLeft == 0, "\(op)")
        }
        for source in ["1 \(offset) KECCAK256", "1 \(offset) LOG0", "1 \(offset) RETURN", "\(offset) MLOAD",
                       "1 \(offset) 0 CREATE", "1 0 \(offset) ADDRESS EXTCODECOPY"] {
            let (r, _) = run(asm(source + " STOP"))
            #expect(r.status == .outOfGas, "\(source)")
        }
    }
}
