/// Opcode names and arities across forks, for tracers, assemblers and tests. The definitions
/// live in `Opcodes`; a fork's own view (prices, availability) is `InstructionTable.forFork`.
public typealias OpcodeInfo = OpcodeSpec

public enum Opcode {
    /// Every opcode as the latest fork defines it (PREVRANDAO, not DIFFICULTY); nil for
    /// unassigned bytes.
    public static let info: [OpcodeInfo?] = InstructionTable.forFork(Fork.allCases.last ?? .cancun).definitions

    public static func name(_ op: UInt8) -> String {
        info[Int(op)]?.name ?? "opcode 0x\(String(op, radix: 16)) not defined"
    }

    /// Reverse lookup for assemblers and tests; "SHA3" and "DIFFICULTY" are accepted as old names.
    public static func byName(_ name: String) -> UInt8? {
        let n = name.uppercased()
        if n == "SHA3" { return 0x20 }
        if n == "DIFFICULTY" { return 0x44 }
        return info.firstIndex { $0?.name == n }.map { UInt8($0) }
    }
}
