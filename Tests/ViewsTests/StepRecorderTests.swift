import Foundation
import EVM
import Harness
import Primitives
import Testing
import UInt256
@testable import Views

/// The recorder stores stacks and memory only as changes; rebuilt, they must equal what the
/// EIP-3155 tracer prints for the same run (an independent path) and what the frame held.
@Suite struct StepRecorderTests {
    static let sender = Address(hi: 0x1000_0000_0000_0000, mid: 0, lo: 0)
    static let parentAddress = Address(hi: 0x2000_0000_0000_0000, mid: 0, lo: 0)
    static let childAddress = Address(hi: 0x3000_0000_0000_0000, mid: 0, lo: 0)

    /// Child: MSTORE 42 at 0, SSTORE slot 1 = 7, LOG0 of memory 0..32, REVERT with memory 0..32.
    static let child = "602a600052600760015560206000a060206000fd"
    /// Parent: SSTORE slot 3 = 5; CALL the child with a 32-byte return area at 0x40; SSTORE slot
    /// 0 = MLOAD 0x40 (the revert data: 42); then count 10 down to 0 in a loop (JUMPDEST at 46).
    static let parent = "6005600355" + "60206040600060006000" + "73" + "3000000000000000" + "00000000" + "0000000000000000" + "5af1"
        + "604051600055" + "600a" + "5b600190038060" + "2e" + "5750" + "00"

    /// Captures the whole memory before every step: the reference for the rebuilt memory.
    final class MemorySnapshots: Inspector {
        var memory: [[UInt8]] = []
        func step(_ frame: borrowing Frame, opcode: UInt8) { memory.append(frame.memory.bytes(0, frame.memory.size)) }
    }

    struct Run {
        let recorder: StepRecorder
        let lines: [[String: Any]]
        let memory: [[UInt8]]
        let result: CallResult
    }

    static func run() throws -> Run {
        let state = WorldState()
        state.setAccount(sender, Account(balance: U256(1_000_000_000)))
        state.setAccount(parentAddress, Account(nonce: 1, code: Bytecode(try Hex.decodeStrict(parent))))
        state.setAccount(childAddress, Account(nonce: 1, code: Bytecode(try Hex.decodeStrict(child))))
        let evm = EVM(fork: .cancun, state: state)
        var lines: [String] = []
        let tracer = EIP3155Tracer(write: { lines.append($0) })
        let recorder = StepRecorder(state: state)
        let snapshots = MemorySnapshots()
        let result = DeepStack.run {
            evm.call(Message(gas: 1_000_000, recipient: parentAddress, sender: sender, input: []),
                     inspector: InspectorGroup([tracer, recorder, snapshots]))
        }
        let parsed = try lines.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        return Run(recorder: recorder, lines: parsed, memory: snapshots.memory, result: result)
    }

    /// The stack before each step, rebuilt from the recorded diffs (bottom first).
    static func stacks(_ r: StepRecorder) -> [[U256]] {
        var perFrame: [Int32: [U256]] = [:]
        return (0..<r.stepCount).map { i in
            var s = perFrame[r.frameOf[i], default: []]
            s.removeLast(Int(r.pops[i]))
            s += r.pushes[Int(r.pushStart[i])..<Int(r.pushStart[i + 1])]
            perFrame[r.frameOf[i]] = s
            return s
        }
    }

    @Test func stepsMatchTheEIP3155Trace() throws {
        let run = try Self.run()
        let r = run.recorder
        #expect(run.result.status == .success)
        #expect(r.stepCount == run.lines.count)
        #expect(r.stepCount > 60)
        let stacks = Self.stacks(r)
        for (i, line) in run.lines.enumerated() where i < r.stepCount {
            #expect(line["pc"] as? Int == r.pc[i], "step \(i)")
            #expect(line["op"] as? Int == Int(r.op[i]), "step \(i)")
            #expect(line["gas"] as? String == "0x" + String(r.gas[i], radix: 16), "step \(i)")
            #expect(line["gasCost"] as? String == "0x" + String(r.cost[i], radix: 16), "step \(i)")
            #expect(line["depth"] as? Int == r.frames[Int(r.frameOf[i])].message.depth + 1, "step \(i)")
            #expect(line["memSize"] as? Int == r.memSize[i], "step \(i)")
            #expect(line["refund"] as? Int == Int(r.refund[i]), "step \(i)")
            #expect(line["stack"] as? [String] == stacks[i].map(\.hexString), "step \(i)")
        }
    }

    @Test func memoryRebuiltFromWritesEqualsTheFrames() throws {
        let run = try Self.run()
        let r = run.recorder
        #expect(run.memory.count == r.stepCount)
        for i in 0..<r.stepCount {
            var mem = [UInt8](repeating: 0, count: r.memSize[i])
            for w in r.memoryWrites where w.step < i && r.frameOf[w.step] == r.frameOf[i] {
                for (j, b) in w.bytes.enumerated() where w.offset + j < mem.count { mem[w.offset + j] = b }
            }
            #expect(mem == run.memory[i], "step \(i)")
        }
    }

    @Test func storageLogsAndFrames() throws {
        let r = try Self.run().recorder
        let writes = r.accesses.filter { $0.kind == .sstore }.map { [$0.address == Self.parentAddress ? 0 : 1, $0.slot, $0.old ?? U256(99), $0.value] as [AnyHashable] }
        // Parent slot 3 := 5, child slot 1 := 7 (undone by its revert), parent slot 0 := 42.
        #expect(writes == [[0, U256(3), U256(0), U256(5)], [1, U256(1), U256(0), U256(7)], [0, U256(0), U256(0), U256(42)]])
        #expect(r.frames.count == 2)
        #expect(r.frames[0].status == .success)
        #expect(r.frames[1].status == .revert)
        #expect(r.frames[1].parent == 0)
        #expect(r.frames[1].output == [UInt8](repeating: 0, count: 31) + [42])
        #expect(r.logs.count == 1)
        #expect(r.logs.first.map { r.frameOf[$0.step] } == 1)
        #expect(!r.truncated)
    }

    @Test func boundedByMaxSteps() throws {
        let state = WorldState()
        state.setAccount(Self.parentAddress, Account(nonce: 1, code: Bytecode(try Hex.decodeStrict(Self.parent))))
        state.setAccount(Self.childAddress, Account(nonce: 1, code: Bytecode(try Hex.decodeStrict(Self.child))))
        let recorder = StepRecorder(maxSteps: 10, state: state)
        _ = DeepStack.run { EVM(fork: .cancun, state: state).call(Message(gas: 1_000_000, recipient: Self.parentAddress, sender: Self.sender, input: []), inspector: recorder) }
        #expect(recorder.stepCount == 10)
        #expect(recorder.truncated)
        #expect(recorder.frames.count == 2)
    }

    @Test func pageIsSelfContainedAndEscapesNames() throws {
        let run = try Self.run()
        let hostile = "</script><script>alert(1)</script>"
        let t = StepTrace(label: hostile, sender: Self.sender, to: Self.parentAddress, input: [], gasLimit: 1_000_000, recorder: run.recorder)
        let html = TransactionPage.render([t, t], title: "<b>" + hostile)
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("//cdn"))
        #expect(!html.contains("<script src") && !html.contains("<link"))
        #expect(html.contains("Content-Security-Policy"))
        #expect(!html.contains("<script>alert(1)"))
        #expect(!html.contains("<b>&lt;"))
        #expect(html.contains("&lt;b&gt;&lt;/script&gt;"))
        // One data block per transaction, each valid JSON holding every step.
        let blocks = html.components(separatedBy: "<script type=\"application/json\" data-tx=\"").dropFirst()
        #expect(blocks.count == 2)
        for b in blocks {
            let body = try #require(b.split(separator: ">", maxSplits: 1).last.map { String($0) })
            let json = String(try #require(body.components(separatedBy: "</script>").first))
            let object = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            #expect(object["n"] as? Int == run.recorder.stepCount)
            #expect((object["meta"] as? [String: Any])?["label"] as? String == hostile)
        }
    }

    /// With a source map the page carries, per step, an index into (file, line) pairs and the
    /// files' text; steps the map does not cover get -1.
    @Test func sourceLinesGoIntoThePage() throws {
        let run = try Self.run()
        let t = StepTrace(label: "run", sender: Self.sender, to: Self.parentAddress, input: [], gasLimit: 1_000_000, recorder: run.recorder)
        let html = TransactionPage.render([t], title: "t", sourceLines: { address, pc in
            address == Self.parentAddress ? StepSourceLocation(file: "parent.vy", line: pc < 44 ? 1 : 2) : nil
        }, sources: ["parent.vy": "call()\nloop()"])
        let body = try #require(html.components(separatedBy: "data-tx=\"0\">").last?.components(separatedBy: "</script>").first)
        let d = try #require(JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        let src = try #require(d["src"] as? [Int])
        let r = run.recorder
        #expect(src.count == r.stepCount)
        let locations = try #require(d["srcLoc"] as? [[Any]])
        for i in 0..<r.stepCount {
            let inParent = r.frames[Int(r.frameOf[i])].message.codeAddress == Self.parentAddress
            if !inParent { #expect(src[i] == -1, "step \(i)"); continue }
            let loc = locations[src[i]]
            #expect(loc[0] as? String == "parent.vy" && loc[1] as? Int == (r.pc[i] < 44 ? 1 : 2), "step \(i)")
        }
        // The files' text once per page, not per transaction.
        let texts = try #require(html.components(separatedBy: "id=\"tx-sources\">").last?.components(separatedBy: "</script>").first)
        #expect((try JSONSerialization.jsonObject(with: Data(texts.utf8)) as? [String: String])?["parent.vy"] == "call()\nloop()")
        #expect(d["srcText"] == nil)
        // Without a map the page has no source column (the pane stays hidden).
        #expect(!TransactionPage.render([t], title: "t").contains("\"src\":"))
    }
}
