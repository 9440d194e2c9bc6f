import EVM
import Primitives
import UInt256

/// Records every executed instruction of one transaction compactly, for the step-through page
/// (`TransactionPage`): per step the pc, opcode, gas, cost, refund, frame and memory size as
/// columns; the stack only as the change since the frame's previous step (items popped, items
/// pushed), memory only as the bytes each step wrote, storage and transient storage accesses of
/// the frame's account, logs, and the frames themselves. The page rebuilds the rest.
///
/// Bounded: past `maxSteps` steps nothing more is recorded and `truncated` is set (frames and
/// logs are still recorded, so the call tree stays whole).
public final class StepRecorder: Inspector {
    public struct FrameRecord {
        public let id: Int
        public let parent: Int?
        public let message: Message
        /// The step that made the call (nil for the transaction's own frame).
        public let callerStep: Int?
        /// The frame's first step and one past its last (equal when it ran no code).
        public internal(set) var firstStep: Int
        public internal(set) var endStep: Int
        public internal(set) var status: Status?
        public internal(set) var output: [UInt8] = []
        public internal(set) var gasUsed: Int64 = 0
        public internal(set) var createdAddress: Address?
    }
    public enum AccessKind: String { case sload, sstore, tload, tstore }
    /// A storage or transient-storage access of the frame's account at `step`: `value` is the
    /// value read, or for a write the value written; `old` the value before a write.
    public struct StorageAccess {
        public let step: Int, frame: Int, kind: AccessKind, address: Address, slot: U256
        public internal(set) var old: U256?
        public internal(set) var value: U256
    }
    public struct MemoryWrite { public let step: Int; public let offset: Int; public let bytes: [UInt8] }
    public struct LogRecord { public let step: Int; public let frame: Int; public let log: Log }

    public let maxSteps: Int
    /// The state the transaction runs on, read for a write's old value (nil: old values unknown).
    private let state: WorldState?

    // Columns, one entry per step.
    public private(set) var pc: [Int] = []
    public private(set) var op: [UInt8] = []
    public private(set) var gas: [Int64] = []
    public private(set) var cost: [Int64] = []
    public private(set) var refund: [Int64] = []
    public private(set) var frameOf: [Int32] = []
    public private(set) var memSize: [Int] = []
    /// Items popped from the frame's stack as it was at its previous step.
    public private(set) var pops: [UInt16] = []
    /// Items pushed by step i: `pushes[pushStart[i] ..< pushStart[i + 1]]` (bottom first).
    public private(set) var pushStart: [Int32] = [0]
    public private(set) var pushes: [U256] = []

    public private(set) var frames: [FrameRecord] = []
    public private(set) var accesses: [StorageAccess] = []
    public private(set) var memoryWrites: [MemoryWrite] = []
    public private(set) var logs: [LogRecord] = []
    public private(set) var truncated = false

    public var stepCount: Int { pc.count }

    /// What the recorder keeps for each running frame: its stack as of its last step, the
    /// step it is on, and what that step will write.
    private struct Open {
        var id: Int
        var stack: [U256] = []
        var step = -1
        var costKnown = false
        var write: (offset: Int, count: Int, isCall: Bool)?
        var access: Int?
        var refundBase: Int64 = 0
    }
    private var open: [Open] = []

    public init(maxSteps: Int = 1_000_000, state: WorldState? = nil) {
        self.maxSteps = maxSteps
        self.state = state
    }

    public func step(_ frame: borrowing Frame, opcode: UInt8) {
        guard var o = open.popLast() else { return }
        defer { open.append(o) }
        // The push column is indexed by Int32: stop well before it could overflow.
        guard pc.count < maxSteps, pushes.count < Int(Int32.max) - 4096 else { truncated = true; o.step = -1; return }
        let i = pc.count
        pc.append(frame.pc); op.append(opcode); gas.append(frame.gas); cost.append(0)
        refund.append(o.refundBase + frame.refund); frameOf.append(Int32(clamping: o.id)); memSize.append(frame.memory.size)
        recordStackChange(frame, &o.stack)
        o.step = i; o.costKnown = false
        o.write = Self.writeRange(frame, opcode)
        o.access = nil
        let address = frame.message.recipient
        switch opcode {
        case 0x54, 0x5c:   // SLOAD, TLOAD: the value is read at stepEnd
            o.access = accesses.count
            accesses.append(StorageAccess(step: i, frame: o.id, kind: opcode == 0x54 ? .sload : .tload, address: address, slot: frame.stack(0), old: nil, value: .zero))
        case 0x55, 0x5d:   // SSTORE, TSTORE (EIP-1153)
            let slot = frame.stack(0)
            let old = opcode == 0x55 ? state?.storage(address, slot) : state?.transientStorage(address, slot)
            o.access = accesses.count
            accesses.append(StorageAccess(step: i, frame: o.id, kind: opcode == 0x55 ? .sstore : .tstore, address: address, slot: slot, old: old, value: frame.stack(1)))
        default: break
        }
    }

    public func stepEnd(_ frame: borrowing Frame, opcode: UInt8) {
        guard var o = open.popLast() else { return }
        defer { open.append(o) }
        guard o.step >= 0 else { return }
        if !o.costKnown { cost[o.step] = gas[o.step] - frame.gas }
        let failed = frame.status != .running && !frame.status.isSuccess
        if let a = o.access {
            if failed {
                accesses.removeLast(accesses.count - a)
            } else if accesses[a].kind == .sload || accesses[a].kind == .tload, frame.stackHeight > 0 {
                accesses[a].value = frame.stack(0)
            }
            o.access = nil
        }
        if let w = o.write, !failed {
            let count = w.isCall ? min(w.count, frame.returnData.count) : w.count
            let end = min(w.offset + count, frame.memory.size)
            if end > w.offset { memoryWrites.append(MemoryWrite(step: o.step, offset: w.offset, bytes: frame.memory.bytes(w.offset, end - w.offset))) }
        }
        o.write = nil
    }

    public func callStart(_ message: Message, callerGasLeft: Int64?) {
        var callerStep: Int?
        var base: Int64 = 0
        if var parent = open.popLast() {
            if parent.step >= 0, let left = callerGasLeft, !parent.costKnown {
                cost[parent.step] = gas[parent.step] - left   // as geth: the call's cost includes the gas it forwards
                parent.costKnown = true
            }
            callerStep = parent.step >= 0 ? parent.step : nil
            base = parent.step >= 0 ? refund[parent.step] : 0
            open.append(parent)
        }
        let id = frames.count
        frames.append(FrameRecord(id: id, parent: open.last?.id, message: message, callerStep: callerStep,
                                  firstStep: pc.count, endStep: pc.count))
        open.append(Open(id: id, refundBase: base))
    }

    public func callEnd(_ message: Message, result: CallResult) {
        guard let o = open.popLast() else { return }
        frames[o.id].endStep = pc.count
        frames[o.id].status = result.status
        frames[o.id].output = result.output
        frames[o.id].gasUsed = message.gas - result.gasLeft
        frames[o.id].createdAddress = result.createdAddress
    }

    public func log(_ log: Log) {
        guard let o = open.last else { return }
        logs.append(LogRecord(step: max(o.step, 0), frame: o.id, log: log))
    }

    /// Appends to the columns how the frame's stack changed since its previous step, and
    /// updates `shadow`. An instruction touches at most the top 17 items (SWAP16), so only those
    /// are compared.
    private func recordStackChange(_ frame: borrowing Frame, _ shadow: inout [U256]) {
        let height = frame.stackHeight, old = shadow.count
        let common = min(old, height)
        var keep = max(0, old - 17)
        keep = min(keep, common)
        while keep < common, shadow[keep] == frame.stack(height - 1 - keep) { keep += 1 }
        pops.append(UInt16(old - keep))
        shadow.removeLast(old - keep)
        for j in keep..<height {
            let v = frame.stack(height - 1 - j)
            shadow.append(v)
            pushes.append(v)
        }
        pushStart.append(Int32(pushes.count))
    }

    /// The memory range the instruction writes, from its operands (before it runs). Out-of-range
    /// operands make the instruction fail, so they are simply not recorded.
    private static func writeRange(_ frame: borrowing Frame, _ opcode: UInt8) -> (offset: Int, count: Int, isCall: Bool)? {
        func operands(_ o: Int, _ c: Int?, fixed: Int = 0, isCall: Bool = false) -> (offset: Int, count: Int, isCall: Bool)? {
            guard frame.stackHeight > max(o, c ?? 0) else { return nil }
            let offset = frame.stack(o), count = c.map { frame.stack($0) } ?? U256(UInt64(fixed))
            guard !count.isZero, offset.fitsInUInt64, count.fitsInUInt64, offset.low64 < 1 << 32, count.low64 < 1 << 32 else { return nil }
            return (Int(offset.low64), Int(count.low64), isCall)
        }
        switch opcode {
        case 0x52: return operands(0, nil, fixed: 32)                // MSTORE
        case 0x53: return operands(0, nil, fixed: 1)                 // MSTORE8
        case 0x37, 0x39, 0x3e, 0x5e: return operands(0, 2)           // CALLDATACOPY, CODECOPY, RETURNDATACOPY, MCOPY (EIP-5656)
        case 0x3c: return operands(1, 3)                             // EXTCODECOPY
        case 0xf1, 0xf2: return operands(5, 6, isCall: true)         // CALL, CALLCODE: the return area
        case 0xf4, 0xfa: return operands(4, 5, isCall: true)         // DELEGATECALL, STATICCALL
        default: return nil
        }
    }
}
