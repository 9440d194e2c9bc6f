import Foundation
import EVM
import Harness
import Primitives
import UInt256

/// Where a step's instruction came from in the contract's source (filled from a compiler's
/// source map when one is known: `TransactionPage.render(sourceLines:)`).
public struct StepSourceLocation: Hashable {
    public var file: String
    public var line: Int
    public init(file: String, line: Int) { self.file = file; self.line = line }
}

/// The JSON block of one transaction on the step-through page. Per-step values are columns of
/// numbers written by hand (100,000 steps through JSONSerialization's NSNumber boxes took
/// seconds); values that rarely change (gas not following from the previous cost, refund,
/// memory size, frame) are stored only where they change; the stack only as the diff
/// `StepRecorder` keeps. Text (names, decoded calls) goes through `HTMLPage.json`.
enum TransactionPageData {
    static func json(_ t: StepTrace, sourceLines: ((Address, Int) -> StepSourceLocation?)?) -> String {
        let r = t.recorder
        let n = r.stepCount
        var out = "{\"meta\":" + HTMLPage.json(meta(t)) + ",\"n\":\(n)"
        out += ",\"pc\":" + numbers(r.pc)
        out += ",\"op\":" + numbers(r.op.map(Int.init))
        out += ",\"cost\":" + numbers(r.cost.map { Int($0) })
        out += ",\"pop\":" + numbers(r.pops.map(Int.init))
        out += ",\"npush\":" + numbers((0..<n).map { Int(r.pushStart[$0 + 1] - r.pushStart[$0]) })
        out += ",\"push\":" + hexList(r.pushes)
        // Gas where it does not follow from the previous step's gas and cost (frame changes).
        out += ",\"gasAt\":" + changes(n) { i in i > 0 && r.frameOf[i] == r.frameOf[i - 1] && r.gas[i] == r.gas[i - 1] - r.cost[i - 1] ? nil : Int(r.gas[i]) }
        out += ",\"refundAt\":" + changes(n) { i in i > 0 && r.refund[i] == r.refund[i - 1] ? nil : Int(r.refund[i]) }
        out += ",\"msizeAt\":" + changes(n) { i in i > 0 && r.memSize[i] == r.memSize[i - 1] ? nil : r.memSize[i] }
        out += ",\"frameAt\":" + changes(n) { i in i > 0 && r.frameOf[i] == r.frameOf[i - 1] ? nil : Int(r.frameOf[i]) }
        var mem = "["
        for (i, w) in r.memoryWrites.enumerated() {
            mem += (i > 0 ? "," : "") + "[\(w.step),\(w.offset),\"\(Hex.encode(w.bytes))\"]"
        }
        out += ",\"mem\":" + mem + "]"
        if let sourceLines {
            var ids: [StepSourceLocation: Int] = [:]
            var locations: [[Any]] = []
            // A loop runs the same pcs many times: look each (frame, pc) up once.
            var seen: [Int: [Int: Int]] = [:]
            let column = (0..<n).map { i -> Int in
                let frameIndex = Int(r.frameOf[i])
                if let id = seen[frameIndex]?[r.pc[i]] { return id }
                let frame = r.frames[frameIndex].message
                // Init code has no runtime source map; the code address is the new account's.
                var id = -1
                if !frame.kind.isCreate, let loc = sourceLines(frame.codeAddress, r.pc[i]) {
                    if let known = ids[loc] { id = known } else {
                        id = locations.count
                        ids[loc] = id
                        locations.append([loc.file, loc.line])
                    }
                }
                seen[frameIndex, default: [:]][r.pc[i]] = id
                return id
            }
            out += ",\"src\":" + numbers(column) + ",\"srcLoc\":" + HTMLPage.json(locations)
        }
        return out + "}"
    }

    /// Everything but the step columns: the transaction, frames, accesses, logs, panel.
    static func meta(_ t: StepTrace) -> [String: Any] {
        let r = t.recorder
        let tx = t.transaction
        var m: [String: Any] = [
            "label": tx.label, "caption": t.caption, "sender": tx.sender.description,
            "to": tx.to?.description ?? "", "value": tx.value.description,
            "truncated": r.truncated, "maxSteps": r.maxSteps, "names": t.names,
        ]
        if let o = t.outcome {
            m["status"] = "\(o.status)"
            m["gasUsed"] = Int(clamping: o.gasUsed)
        } else if let root = r.frames.first {
            m["status"] = root.status.map { "\($0)" } ?? "running"
            m["gasUsed"] = Int(root.gasUsed)
        } else {
            m["status"] = "rejected before it ran"
        }
        m["frames"] = r.frames.enumerated().map { i, f -> [String: Any] in
            let msg = f.message
            return [
                "parent": f.parent ?? -1, "kind": "\(msg.kind)", "depth": msg.depth,
                "address": (f.createdAddress ?? msg.recipient).description, "code": msg.codeAddress.description,
                "caller": msg.sender.description, "value": msg.value.description,
                "input": Hex.encode(msg.input, prefix: true), "callerStep": f.callerStep ?? -1,
                "first": f.firstStep, "end": f.endStep, "status": f.status.map { "\($0)" } ?? "running",
                "ok": f.status?.isSuccess ?? false, "output": Hex.encode(f.output, prefix: true),
                "gasUsed": Int(f.gasUsed), "call": t.frameCalls[i], "result": t.frameResults[i],
            ]
        }
        m["access"] = r.accesses.map { a -> [Any] in
            [a.step, a.frame, a.kind.rawValue, a.address.description, a.slot.hexString, a.old?.hexString ?? "", a.value.hexString]
        }
        m["logs"] = r.logs.enumerated().map { i, l -> [Any] in
            [l.step, l.frame, t.logTexts[i], l.log.address.description, l.log.topics.map(\.hexString), Hex.encode(l.log.data, prefix: true)]
        }
        m["panel"] = t.panel.map { [$0.label, $0.before, $0.after] }
        m["opNames"] = (0..<256).map { Opcode.name(UInt8($0)) }
        return m
    }

    static func numbers(_ values: [Int]) -> String {
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(values.count * 4 + 2)
        for (i, v) in values.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out += String(v).utf8
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Quoted hex without 0x ("1f"), shortest form.
    static func hexList(_ values: [U256]) -> String {
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(values.count * 8 + 2)
        for (i, v) in values.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\""))
            var h: [UInt8] = []
            v.appendHexString(to: &h)
            out += h.starts(with: [0x30, 0x78]) ? h.dropFirst(2) : h[...]
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    /// `[step, value, step, value, …]` for the steps where `value(step)` is not nil.
    static func changes(_ n: Int, _ value: (Int) -> Int?) -> String {
        var flat: [Int] = []
        for i in 0..<n { if let v = value(i) { flat.append(i); flat.append(v) } }
        return numbers(flat)
    }
}
