import Foundation
import Testing
@testable import EVM

/// The interpreter runs its hot opcodes inline, checked against the `Opcodes` definition they
/// pass to `enter`, whatever the fork. This reads Interpreter.swift and checks each inline case
/// against every fork's table, so that an EIP changing an inlined opcode cannot be forgotten:
/// a second definition of the same opcode (a repricing) fails here until the loop handles it.
@Suite struct InlineOpcodeTests {
    static let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/EVM/Interpreter.swift")

    /// (case byte, definition name) for each `case 0xNN:` whose body calls `enter(…, Opcodes.X)`.
    static func inlineCases() throws -> [(UInt8, String)] {
        let text = try String(contentsOf: source, encoding: .utf8)
        var result: [(UInt8, String)] = []
        var current: UInt8?
        for line in text.split(separator: "\n") {
            let l = line.trimmingCharacters(in: .whitespaces)
            if l.hasPrefix("case 0x"), l.count >= 10 {
                let hex = l.dropFirst(7).prefix(2)
                current = l.dropFirst(9).first == ":" ? UInt8(hex, radix: 16) : nil
            }
            guard let r = l.range(of: "enter("), let o = l.range(of: "Opcodes.", range: r.upperBound..<l.endIndex) else { continue }
            let expr = l[o.upperBound...].prefix { $0 != ")" }
            // "PUSH(7" -> "PUSH7"; "ADD" -> "ADD".
            let name = expr.replacingOccurrences(of: "(", with: "")
            if let op = current { result.append((op, name)) } else { Issue.record("enter(\(name)) outside a one-byte case") }
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
        for (op, name) in cases {
            let specs = Opcodes.all.filter { $0.name == name }
            #expect(specs.count == 1, "\(name): \(specs.count) definitions; the inline case assumes one for all forks")
            guard let spec = specs.first else { continue }
            #expect(spec.opcode == op, "case 0x\(String(op, radix: 16)) passes \(name)")
            for fork in Fork.allCases {
                let table = InstructionTable.forFork(fork)
                #expect(table.definition(op) == spec, "\(name) inline differs from \(fork)'s table")
                #expect(table[op].gas == spec.gas && Int(table[op].minStack) == spec.inputs)
            }
        }
    }
}
