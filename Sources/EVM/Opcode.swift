/// Opcode metadata: mnemonic and stack arity (Yellow Paper appendix H, plus later EIPs).
/// Static gas lives in `InstructionTable`, which applies each fork's EIPs to it.
public struct OpcodeInfo: Sendable {
    public let name: String
    public let inputs: Int
    public let outputs: Int
}

public enum Opcode {
    /// Names and arities of every opcode any supported fork defines; nil for unassigned bytes.
    public static let info: [OpcodeInfo?] = {
        var t = [OpcodeInfo?](repeating: nil, count: 256)
        func def(_ op: Int, _ name: String, _ inputs: Int, _ outputs: Int) {
            t[op] = OpcodeInfo(name: name, inputs: inputs, outputs: outputs)
        }
        def(0x00, "STOP", 0, 0)
        for (i, n) in ["ADD", "MUL", "SUB", "DIV", "SDIV", "MOD", "SMOD"].enumerated() { def(0x01 + i, n, 2, 1) }
        def(0x08, "ADDMOD", 3, 1); def(0x09, "MULMOD", 3, 1)
        def(0x0a, "EXP", 2, 1); def(0x0b, "SIGNEXTEND", 2, 1)
        for (i, n) in ["LT", "GT", "SLT", "SGT", "EQ"].enumerated() { def(0x10 + i, n, 2, 1) }
        def(0x15, "ISZERO", 1, 1)
        def(0x16, "AND", 2, 1); def(0x17, "OR", 2, 1); def(0x18, "XOR", 2, 1); def(0x19, "NOT", 1, 1)
        def(0x1a, "BYTE", 2, 1); def(0x1b, "SHL", 2, 1); def(0x1c, "SHR", 2, 1); def(0x1d, "SAR", 2, 1)
        def(0x20, "KECCAK256", 2, 1)
        def(0x30, "ADDRESS", 0, 1); def(0x31, "BALANCE", 1, 1); def(0x32, "ORIGIN", 0, 1)
        def(0x33, "CALLER", 0, 1); def(0x34, "CALLVALUE", 0, 1); def(0x35, "CALLDATALOAD", 1, 1)
        def(0x36, "CALLDATASIZE", 0, 1); def(0x37, "CALLDATACOPY", 3, 0); def(0x38, "CODESIZE", 0, 1)
        def(0x39, "CODECOPY", 3, 0); def(0x3a, "GASPRICE", 0, 1); def(0x3b, "EXTCODESIZE", 1, 1)
        def(0x3c, "EXTCODECOPY", 4, 0); def(0x3d, "RETURNDATASIZE", 0, 1); def(0x3e, "RETURNDATACOPY", 3, 0)
        def(0x3f, "EXTCODEHASH", 1, 1)
        def(0x40, "BLOCKHASH", 1, 1); def(0x41, "COINBASE", 0, 1); def(0x42, "TIMESTAMP", 0, 1)
        def(0x43, "NUMBER", 0, 1); def(0x44, "PREVRANDAO", 0, 1); def(0x45, "GASLIMIT", 0, 1)
        def(0x46, "CHAINID", 0, 1); def(0x47, "SELFBALANCE", 0, 1); def(0x48, "BASEFEE", 0, 1)
        def(0x49, "BLOBHASH", 1, 1); def(0x4a, "BLOBBASEFEE", 0, 1)
        def(0x50, "POP", 1, 0); def(0x51, "MLOAD", 1, 1); def(0x52, "MSTORE", 2, 0); def(0x53, "MSTORE8", 2, 0)
        def(0x54, "SLOAD", 1, 1); def(0x55, "SSTORE", 2, 0); def(0x56, "JUMP", 1, 0); def(0x57, "JUMPI", 2, 0)
        def(0x58, "PC", 0, 1); def(0x59, "MSIZE", 0, 1); def(0x5a, "GAS", 0, 1); def(0x5b, "JUMPDEST", 0, 0)
        def(0x5c, "TLOAD", 1, 1); def(0x5d, "TSTORE", 2, 0); def(0x5e, "MCOPY", 3, 0); def(0x5f, "PUSH0", 0, 1)
        for n in 1...32 { def(0x5f + n, "PUSH\(n)", 0, 1) }
        for n in 1...16 { def(0x7f + n, "DUP\(n)", n, n + 1) }
        for n in 1...16 { def(0x8f + n, "SWAP\(n)", n + 1, n + 1) }
        for n in 0...4 { def(0xa0 + n, "LOG\(n)", 2 + n, 0) }
        def(0xf0, "CREATE", 3, 1); def(0xf1, "CALL", 7, 1); def(0xf2, "CALLCODE", 7, 1)
        def(0xf3, "RETURN", 2, 0); def(0xf4, "DELEGATECALL", 6, 1); def(0xf5, "CREATE2", 4, 1)
        def(0xfa, "STATICCALL", 6, 1); def(0xfd, "REVERT", 2, 0); def(0xfe, "INVALID", 0, 0)
        def(0xff, "SELFDESTRUCT", 1, 0)
        return t
    }()

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
