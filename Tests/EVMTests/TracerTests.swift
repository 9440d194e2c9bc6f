import Testing
import Foundation
@testable import EVM
import UInt256

/// The EIP-3155 tracer. Source: EIP-3155 (required fields pc, op, gas, gasCost, stack, depth,
/// returnData, refund, memSize; stack and memSize before the operation; gas as hex numbers) and
/// its example program 604080536040604055604060006040600060025afa6040f3.
@Suite struct TracerTests {
    func trace(_ code: [UInt8], gas: Int64, fork: Fork = .cancun) -> [[String: Any]] {
        var lines: [String] = []
        let tracer = EIP3155Tracer(write: { lines.append($0) })
        call(makeEVM(code: code, fork: fork), gas: gas, inspector: tracer)
        return lines.compactMap { line in
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            if object == nil { Issue.record("not a JSON object: \(line)") }
            return object
        }
    }

    func hex(_ v: Int64) -> String { "0x" + String(v, radix: 16) }

    @Test func tinyProgram() {
        // PUSH1 1, PUSH1 2, ADD, STOP with 0x2540be400 gas (the EIP's starting gas).
        let start: Int64 = 10_000_000_000
        let lines = trace(bytes("6001600201 00"), gas: start)
        #expect(lines.count == 4)
        guard lines.count == 4 else { return }
        #expect(lines.map { $0["pc"] as? Int } == [0, 2, 4, 5])
        #expect(lines.map { $0["op"] as? Int } == [0x60, 0x60, 0x01, 0x00])
        #expect(lines.map { $0["gas"] as? String } == ["0x2540be400", "0x2540be3fd", "0x2540be3fa", "0x2540be3f7"])
        #expect(lines.map { $0["gasCost"] as? String } == ["0x3", "0x3", "0x3", "0x0"])
        #expect(lines.map { $0["stack"] as? [String] } == [[], ["0x1"], ["0x1", "0x2"], ["0x3"]])
        #expect(lines.map { $0["depth"] as? Int } == [1, 1, 1, 1])
        #expect(lines.map { $0["memSize"] as? Int } == [0, 0, 0, 0])
        #expect(lines.map { $0["returnData"] as? String } == ["0x", "0x", "0x", "0x"])
        #expect(lines.map { $0["refund"] as? Int } == [0, 0, 0, 0])
        #expect(lines.map { $0["opName"] as? String } == ["PUSH1", "PUSH1", "ADD", "STOP"])
        #expect(lines.allSatisfy { $0["error"] == nil })
    }

    @Test func eip3155ExampleProgram() {
        // The EIP's example, with today's prices: SSTORE of a cold, zero slot is 22100
        // (EIP-2929) instead of the example's 20000, and STATICCALL to the warm precompile 0x02
        // is 100 plus the gas it forwards (all but one 64th).
        let start: Int64 = 10_000_000_000
        let lines = trace(bytes("604080536040604055604060006040600060025afa6040f3"), gas: start)
        #expect(lines.count == 15)
        guard lines.count == 15 else { return }
        #expect(lines.map { $0["pc"] as? Int } == [0, 2, 3, 4, 6, 8, 9, 11, 13, 15, 17, 19, 20, 21, 23])
        #expect(lines.map { $0["op"] as? Int } == [96, 128, 83, 96, 96, 85, 96, 96, 96, 96, 96, 90, 250, 96, 243])
        // First lines exactly as in the EIP.
        #expect(lines[0]["gas"] as? String == "0x2540be400")
        #expect(lines[1]["gas"] as? String == "0x2540be3fd")
        #expect(lines[2]["gas"] as? String == "0x2540be3fa")
        #expect(lines[2]["gasCost"] as? String == "0xc")          // 3 + memory for 0x41 bytes (3 words)
        #expect(lines[3]["gas"] as? String == "0x2540be3ee")
        #expect(lines[2]["stack"] as? [String] == ["0x40", "0x40"])
        #expect(lines[2]["memSize"] as? Int == 0)                 // before the MSTORE8
        #expect(lines[3]["memSize"] as? Int == 96)
        #expect(lines[5]["opName"] as? String == "SSTORE")
        #expect(lines[5]["gasCost"] as? String == hex(22100))
        let gasAtStaticcall = start - (3 + 3 + 12 + 3 + 3 + 22100 + 5 * 3 + 2)   // …SSTORE, 5 PUSH1, GAS
        #expect(lines[12]["gas"] as? String == hex(gasAtStaticcall))
        #expect(lines[12]["stack"] as? [String] == ["0x40", "0x0", "0x40", "0x0", "0x2", hex(gasAtStaticcall)])   // GAS pushed what was left after it
        let available = gasAtStaticcall - 100
        #expect(lines[12]["gasCost"] as? String == hex(100 + available - available / 64))
        // After the call: SHA256 of 64 zero bytes in the return data, 60 + 12·2 gas used by it.
        #expect(lines[13]["pc"] as? Int == 21)
        #expect(lines[13]["gas"] as? String == hex(gasAtStaticcall - 100 - 84))
        #expect(lines[13]["stack"] as? [String] == ["0x1"])
        #expect(lines[13]["returnData"] as? String == "0xf5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb4b")
        #expect(lines[14]["opName"] as? String == "RETURN")
        #expect(lines[14]["stack"] as? [String] == ["0x1", "0x40"])
        #expect(lines.allSatisfy { $0["depth"] as? Int == 1 })
    }

    @Test func nestedCallsReportDepthAndErrors() {
        // A calls B (which runs PUSH1 1, then INVALID); B's lines have depth 2 and an error.
        var lines: [String] = []
        let evm = makeEVM(code: asm("\(callText(to: Addr.other)) STOP"))
        install(evm, bytes("6001fe"), at: Addr.other)
        call(evm, inspector: EIP3155Tracer(write: { lines.append($0) }))
        let objects = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.count == lines.count)
        let depths = objects.map { $0["depth"] as? Int ?? 0 }
        #expect(depths == [1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 1])   // 6 pushes, GAS, CALL; B; STOP
        let invalid = objects.first { $0["op"] as? Int == 0xfe }
        #expect(invalid?["error"] != nil)
        #expect(objects.last?["op"] as? Int == 0)
        #expect(objects.last?["stack"] as? [String] == ["0x0"])
    }
}
