import Primitives
import UInt256

/// EIP-3155 JSON-lines tracer: one object per executed instruction, written when the
/// instruction's full cost is known (after it ran, or when it hands gas to a child frame, as
/// geth reports CALL's cost including the gas it forwards).
public final class EIP3155Tracer: Inspector {
    private let write: (String) -> Void
    private struct Pending {
        var pc: Int, op: UInt8, gas: Int64, memSize: Int, stack: [U256], depth: Int
        var returnData: [UInt8], refund: Int64
    }
    private var pending: Pending?
    /// Refund totals of the frames below the current one (EIP-3155 shows the transaction's).
    private var refundBase: [Int64] = [0]
    private var frameRefund: [Int64] = [0]

    public init(write: @escaping (String) -> Void) { self.write = write }

    public func step(_ frame: borrowing Frame, opcode: UInt8) {
        frameRefund[frameRefund.count - 1] = frame.refund
        pending = Pending(pc: frame.pc, op: opcode, gas: frame.gas, memSize: frame.memory.size,
                          stack: frame.stackItems, depth: frame.depth + 1, returnData: frame.returnData,
                          refund: (refundBase.last ?? 0) + frame.refund)
    }

    public func stepEnd(_ frame: borrowing Frame, opcode: UInt8) {
        guard let p = pending else { return }
        let error: String? = frame.status.consumesAllGas ? frame.status.description : nil
        flush(p, cost: p.gas - frame.gas, error: error)
    }

    public func callStart(_ message: Message, callerGasLeft: Int64?) {
        if let p = pending, let left = callerGasLeft { flush(p, cost: p.gas - left, error: nil) }
        refundBase.append((refundBase.last ?? 0) + (frameRefund.last ?? 0))
        frameRefund.append(0)
    }

    public func callEnd(_ message: Message, result: CallResult) {
        if refundBase.count > 1 { refundBase.removeLast(); frameRefund.removeLast() }
    }

    // Written by hand, not by JSONEncoder: encoding the same line through a Codable struct measured
    // 6.8x (4 stack items) to 7.4x (32 items) slower, JSONSerialization 35-50x (issue 9). Every
    // value is a number, hex or a fixed name, so nothing needs escaping; TracerTests parse each line
    // with JSONSerialization.
    private func flush(_ p: Pending, cost: Int64, error: String?) {
        pending = nil
        var s = "{\"pc\":\(p.pc),\"op\":\(p.op),\"gas\":\"\(hex(p.gas))\",\"gasCost\":\"\(hex(cost))\""
        s += ",\"memSize\":\(p.memSize),\"stack\":[" + Self.stackJSON(p.stack) + "]"
        s += ",\"depth\":\(p.depth),\"returnData\":\"\(Hex.encode(p.returnData, prefix: true))\",\"refund\":\(p.refund)"
        s += ",\"opName\":\"\(Opcode.name(p.op))\""
        if let error { s += ",\"error\":\"\(error)\"" }
        write(s + "}")
    }

    /// The quoted items, comma-separated, in one byte buffer (a line holds up to 1,024 of them).
    private static func stackJSON(_ stack: [U256]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(stack.count * 24)
        for (i, item) in stack.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\""))
            item.appendHexString(to: &out)
            out.append(UInt8(ascii: "\""))
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func hex(_ v: Int64) -> String { "0x" + String(UInt64(bitPattern: max(v, 0)), radix: 16) }

    /// The closing line geth and evmone print after a traced run.
    public static func summary(_ result: CallResult, gasUsed: Int64) -> String {
        var s = "{\"output\":\"\(Hex.encode(result.output, prefix: true))\",\"gasUsed\":\"0x\(String(gasUsed, radix: 16))\""
        s += ",\"pass\":\(result.status.isSuccess)"
        if !result.status.isSuccess { s += ",\"error\":\"\(result.status)\"" }
        return s + "}"
    }
}
