import Testing
@testable import EVM
import Primitives
import UInt256

/// The interpreter checks hot opcodes against constants compiled into the loop and the rest
/// against `InstructionTable`; the two must agree, opcode by opcode and fork by fork.
@Suite struct InstructionTableConsistencyTests {
    /// Opcodes whose cost has a dynamic part even with zero operands, or that need a special
    /// setup (memory, storage, calls, jumps, halting with data); they are covered elsewhere.
    static let dynamic: Set<UInt8> = [0x0a, 0x20, 0x31, 0x37, 0x39, 0x3b, 0x3c, 0x3e, 0x3f,
                                      0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x5c, 0x5d, 0x5e,
                                      0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xf0, 0xf1, 0xf2, 0xf3, 0xf4,
                                      0xf5, 0xfa, 0xfd, 0xfe, 0xff]

    final class CostRecorder: Inspector {
        var costs: [(op: UInt8, cost: Int64)] = []
        var gasBefore: Int64 = 0
        func step(_ frame: borrowing Frame, opcode: UInt8) { gasBefore = frame.gas }
        func stepEnd(_ frame: borrowing Frame, opcode: UInt8) { costs.append((opcode, gasBefore - frame.gas)) }
    }

    static func execute(_ code: [UInt8], fork: Fork, inspector: (any Inspector)? = nil) -> CallResult {
        let state = WorldState()
        let me = Address(hi: 0xc0de, mid: 0, lo: 0)
        state.setAccount(me, Account(nonce: 1, code: Bytecode(code)))
        let evm = EVM(fork: fork, state: state)
        return evm.call(Message(gas: 1_000_000, recipient: me, sender: Address(hi: 1, mid: 0, lo: 0)), inspector: inspector)
    }

    /// `n` zero words, then `op`, then STOP.
    static func program(pushing n: Int, then op: UInt8) -> [UInt8] {
        Array(repeating: [UInt8]([0x60, 0x00]), count: n).flatMap { $0 } + [op, 0x00]
    }

    @Test(arguments: Fork.allCases)
    func staticGasMatchesTheTable(fork: Fork) {
        let table = InstructionTable.forFork(fork)
        for op in 0...255 {
            let o = UInt8(op)
            guard table[o].isDefined, !Self.dynamic.contains(o), let info = Opcode.info[op] else { continue }
            let recorder = CostRecorder()
            let result = Self.execute(Self.program(pushing: info.inputs, then: o), fork: fork, inspector: recorder)
            #expect(result.status == .success, "\(Opcode.name(o)) under \(fork): \(result.status)")
            let cost = recorder.costs.first { $0.op == o }?.cost
            #expect(cost == Int64(table[o].gas), "\(Opcode.name(o)) under \(fork): charged \(String(describing: cost)), table \(table[o].gas)")
        }
    }

    @Test(arguments: Fork.allCases)
    func stackBoundsMatchTheTable(fork: Fork) {
        let table = InstructionTable.forFork(fork)
        for op in 0...255 {
            let o = UInt8(op)
            guard table[o].isDefined, let info = Opcode.info[op] else { continue }
            if info.inputs > 0 {
                let r = Self.execute(Self.program(pushing: info.inputs - 1, then: o), fork: fork)
                #expect(r.status == .stackUnderflow, "\(Opcode.name(o)) under \(fork) with \(info.inputs - 1) items: \(r.status)")
            }
            if info.outputs > info.inputs {
                let r = Self.execute(Self.program(pushing: InstructionTable.stackLimit, then: o), fork: fork)
                #expect(r.status == .stackOverflow, "\(Opcode.name(o)) under \(fork) on a full stack: \(r.status)")
            }
        }
    }

    /// Opcodes a fork does not define are invalid there, whatever the loop inlines.
    @Test func undefinedOpcodesAreInvalid() {
        #expect(Self.execute([0x5f, 0x00], fork: .london).status == .invalidOpcode)     // PUSH0 before Shanghai
        #expect(Self.execute([0x60, 0, 0x5c, 0x00], fork: .shanghai).status == .invalidOpcode) // TLOAD before Cancun
        #expect(Self.execute([0x48, 0x00], fork: .berlin).status == .invalidOpcode)     // BASEFEE before London
        #expect(Self.execute([0x0c], fork: .cancun).status == .invalidOpcode)
    }
}
