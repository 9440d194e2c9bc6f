/// What the interpreter checks before running an opcode: static gas and the stack heights
/// at which the opcode may run. One 16-byte entry per opcode, per fork.
@frozen public struct InstructionInfo: Sendable {
    /// Static gas, charged before the opcode runs; dynamic parts are charged by the opcode.
    public var gas: Int32
    /// Smallest stack height the opcode accepts (its inputs); `undefinedMarker` when unassigned.
    public var minStack: Int16
    /// Largest stack height the opcode accepts without overflowing 1024 items (`undefinedMarker`
    /// when unassigned).
    public var maxStack: Int16

    /// The same bounds in the interpreter's terms, precomputed so that its check is one subtract
    /// and one unsigned compare against the stack pointer's byte offset from the base,
    /// d = (height - 1) * 32: the opcode may run iff UInt(d - stackLow) <= UInt(stackRange).
    @usableFromInline var stackLow: Int32
    @usableFromInline var stackRange: Int32

    public static let undefinedMarker: Int16 = .max
    public var isDefined: Bool { minStack != Self.undefinedMarker }

    public init(gas: Int32, minStack: Int16, maxStack: Int16) {
        self.gas = gas
        self.minStack = minStack
        self.maxStack = maxStack
        if minStack == Self.undefinedMarker {
            // No d in [-32, 32736] is within 0 of this: the check always fails.
            stackLow = Int32.max / 2
            stackRange = 0
        } else {
            stackLow = (Int32(minStack) - 1) * 32
            stackRange = (Int32(maxStack) - Int32(minStack)) * 32
        }
    }
}

/// Static gas and stack limits for every opcode of one fork. Berlin is the base; each later
/// fork applies its EIPs as deltas (in the manner of geth's `eips.go`).
public struct InstructionTable: @unchecked Sendable {
    public static let stackLimit = 1024

    /// Immutable after construction; lives as long as the process (one table per fork).
    @usableFromInline let entries: UnsafeMutablePointer<InstructionInfo>

    private init(fork: Fork) {
        entries = .allocate(capacity: 256)
        // Unassigned: min = max = the marker, so that the interpreter's one range check fails.
        entries.initialize(repeating: InstructionInfo(gas: 0, minStack: InstructionInfo.undefinedMarker,
                                                      maxStack: InstructionInfo.undefinedMarker), count: 256)
        applyBerlin()
        if fork >= .london { enable(0x48, gas: Gas.base) }             // EIP-3198 BASEFEE
        if fork >= .shanghai { enable(0x5f, gas: Gas.base) }           // EIP-3855 PUSH0
        if fork >= .cancun {
            enable(0x5c, gas: Gas.transientAccess)                     // EIP-1153 TLOAD
            enable(0x5d, gas: Gas.transientAccess)                     // EIP-1153 TSTORE
            enable(0x5e, gas: Gas.verylow)                             // EIP-5656 MCOPY
            enable(0x49, gas: Gas.blobhash)                            // EIP-4844 BLOBHASH
            enable(0x4a, gas: Gas.base)                                // EIP-7516 BLOBBASEFEE
        }
    }

    private static let tables: [InstructionTable] = Fork.allCases.map { InstructionTable(fork: $0) }

    public static func forFork(_ fork: Fork) -> InstructionTable { tables[fork.rawValue] }

    public subscript(op: UInt8) -> InstructionInfo { entries[Int(op)] }

    private func enable(_ op: Int, gas: Int32) {
        guard let info = Opcode.info[op] else { return }
        let growth = info.outputs - info.inputs
        entries[op] = InstructionInfo(
            gas: gas,
            minStack: Int16(info.inputs),
            maxStack: Int16(Self.stackLimit - max(0, growth)))
    }

    /// Frontier through Berlin, with EIP-150/1884/2929 prices; warm access costs are static,
    /// the cold surcharge is dynamic.
    private func applyBerlin() {
        enable(0x00, gas: Gas.zero)
        for op in [0x01, 0x03, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d] {
            enable(op, gas: Gas.verylow)
        }
        for op in [0x02, 0x04, 0x05, 0x06, 0x07, 0x0b] { enable(op, gas: Gas.low) }
        enable(0x08, gas: Gas.mid); enable(0x09, gas: Gas.mid)
        enable(0x0a, gas: Gas.exp)
        enable(0x20, gas: Gas.keccak256)
        for op in [0x30, 0x32, 0x33, 0x34, 0x36, 0x38, 0x3a, 0x3d, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x50, 0x58, 0x59, 0x5a] {
            enable(op, gas: Gas.base)
        }
        for op in [0x31, 0x3b, 0x3c, 0x3f, 0x54, 0xf1, 0xf2, 0xf4, 0xfa] { enable(op, gas: Gas.warmAccess) }
        for op in [0x35, 0x37, 0x39, 0x3e, 0x51, 0x52, 0x53] { enable(op, gas: Gas.verylow) }
        enable(0x40, gas: Gas.blockhash)
        enable(0x47, gas: Gas.low)                                     // EIP-1884 SELFBALANCE
        enable(0x55, gas: Gas.zero)                                    // SSTORE: all dynamic
        enable(0x56, gas: Gas.mid); enable(0x57, gas: Gas.high)
        enable(0x5b, gas: Gas.jumpdest)
        for op in 0x60...0x7f { enable(op, gas: Gas.verylow) }
        for op in 0x80...0x9f { enable(op, gas: Gas.verylow) }
        for n in 0...4 { enable(0xa0 + n, gas: Gas.log + Int32(n) * Gas.logTopic) }
        enable(0xf0, gas: Gas.create); enable(0xf5, gas: Gas.create)
        enable(0xf3, gas: Gas.zero); enable(0xfd, gas: Gas.zero)
        enable(0xfe, gas: Gas.zero)
        enable(0xff, gas: Gas.selfdestruct)
    }
}
