import Foundation
import Testing
@testable import EVM

/// The interpreter runs its hot opcodes inline, checked against `Opcodes.inlined(op)` whatever
/// the fork. This reads Interpreter.swift and checks each inline case against every fork's
/// table, so that an EIP changing an inlined opcode cannot be forgotten: a second definition of
/// the same opcode (a repricing) fails here until the loop handles it.
@Suite struct InlineOpcodeTests {
    static let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/EVM/Interpreter.swift")

    /// (case byte, byte passed to `enter`) for each `case .xNN:` whose body calls `enter`.
    static func inlineCases() throws -> [(UInt8, UInt8?)] {
        let text = try String(contentsOf: source, encoding: .utf8)
        var result: [(UInt8, UInt8?)] = []
        var current: UInt8?
        for line in text.split(separator: "\n") {
            let l = line.trimmingCharacters(in: .whitespaces)
            if l.hasPrefix("case .x"), l.count >= 10 {
                current = l.dropFirst(9).first == ":" ? UInt8(l.dropFirst(7).prefix(2), radix: 16) : nil
            }
            guard l.contains("enter(&gas"), let r = l.range(of: "base, 0x") else { continue }
            let passed = UInt8(l[r.upperBound...].prefix(2), radix: 16)
            if let op = current { result.append((op, passed)) } else { Issue.record("enter outside a one-byte case: \(l)") }
            current = nil
        }
        return result
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: source.path), "needs the package sources"))
    func inlineDefinitionsMatchEveryFork() throws {
        let cases = try Self.inlineCases()
        // 26 arithmetic/logic, CALLDATALOAD, POP, MLOAD, MSTORE, JUMP, JUMPI, PC, GAS, JUMPDEST,
        // STOP, 32 PUSH, 16 DUP, 16 SWAP: if parsing finds fewer, the test is not checking.
        #expect(cases.count == 99)
        for (op, passed) in cases {
            #expect(passed == op, "case 0x\(String(op, radix: 16)) passes \(String(describing: passed)) to enter")
            let spec = Opcodes.inlined(op)
            #expect(spec.opcode == op, "Opcodes.inlined(0x\(String(op, radix: 16))) is \(spec.name)")
            let versions = Opcodes.all.filter { $0.opcode == op }
            #expect(versions.count == 1, "\(spec.name): \(versions.count) definitions; the inline case assumes one for all forks")
            for fork in Fork.allCases {
                let table = InstructionTable.forFork(fork)
                #expect(table.definition(op) == spec, "\(spec.name) inline differs from \(fork)'s table")
                #expect(table[op].gas == spec.gas && Int(table[op].minStack) == spec.inputs)
            }
        }
        // `inlined` defines exactly the bytes the loop inlines (INVALID for the others).
        let inline = Set(cases.map(\.0))
        for op in 0...255 where op != 0xfe {
            #expect((Opcodes.inlined(UInt8(op)).opcode != 0xfe) == inline.contains(UInt8(op)), "0x\(String(op, radix: 16))")
        }
    }
}
