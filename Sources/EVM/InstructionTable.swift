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

/// Static gas and stack limits for every opcode of one fork, derived from `Opcodes.all`: Berlin's
/// opcodes, then each EIP in force, in fork order, adds or replaces its opcodes (in the manner of
/// geth's `eips.go`). Nothing here knows a price.
public struct InstructionTable: @unchecked Sendable {
    public static let stackLimit = 1024

    /// Immutable after construction; lives as long as the process (one table per fork).
    @usableFromInline let entries: UnsafeMutablePointer<InstructionInfo>
    /// The opcode definitions in force, by opcode; nil where the fork defines none.
    public let definitions: [OpcodeSpec?]

    private init(fork: Fork) {
        var defs = [OpcodeSpec?](repeating: nil, count: 256)
        for spec in Opcodes.all where spec.since == nil { defs[Int(spec.opcode)] = spec }
        for eip in fork.allEIPs {
            for spec in Opcodes.all where spec.since == eip { defs[Int(spec.opcode)] = spec }
        }
        definitions = defs
        entries = .allocate(capacity: 256)
        for op in 0..<256 { (entries + op).initialize(to: InstructionInfo(defs[op])) }
    }

    private static let tables: [InstructionTable] = Fork.allCases.map { InstructionTable(fork: $0) }

    public static func forFork(_ fork: Fork) -> InstructionTable { tables[fork.rawValue] }

    public subscript(op: UInt8) -> InstructionInfo { entries[Int(op)] }

    /// The fork's definition of `op`, nil when the fork does not define it.
    public func definition(_ op: UInt8) -> OpcodeSpec? { definitions[Int(op)] }

    /// One line per defined opcode (see `OpcodeSpec.description`), for people and tools.
    public var listing: String { definitions.compactMap { $0?.description }.joined(separator: "\n") }
}

extension InstructionInfo {
    /// The interpreter's entry for a definition; undefined opcodes get the marker, so that the
    /// interpreter's one range check fails.
    init(_ spec: OpcodeSpec?) {
        guard let spec else {
            self.init(gas: 0, minStack: Self.undefinedMarker, maxStack: Self.undefinedMarker)
            return
        }
        self.init(gas: spec.gas, minStack: Int16(truncatingIfNeeded: spec.inputs),
                  maxStack: Int16(truncatingIfNeeded: InstructionTable.stackLimit - spec.growth))
    }
}
