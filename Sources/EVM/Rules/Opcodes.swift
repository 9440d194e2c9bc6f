/// Every opcode of every supported fork, declared once: Berlin's (Yellow Paper appendix G/H with
/// EIP-150, 1884 and 2929 prices; warm access is the static part, the cold surcharge dynamic)
/// and, marked `since:`, the ones later EIPs add or change. `InstructionTable` applies them fork
/// by fork; the interpreter's inline cases pass them to `enter`, where they fold to immediates
/// (computed properties of literals: no global to load).
public enum Opcodes {
    public static var STOP: OpcodeSpec { .init(0x00, "STOP", 0, 0, Gas.zero) }
    public static var ADD: OpcodeSpec { .init(0x01, "ADD", 2, 1, Gas.verylow) }
    public static var MUL: OpcodeSpec { .init(0x02, "MUL", 2, 1, Gas.low) }
    public static var SUB: OpcodeSpec { .init(0x03, "SUB", 2, 1, Gas.verylow) }
    public static var DIV: OpcodeSpec { .init(0x04, "DIV", 2, 1, Gas.low) }
    public static var SDIV: OpcodeSpec { .init(0x05, "SDIV", 2, 1, Gas.low) }
    public static var MOD: OpcodeSpec { .init(0x06, "MOD", 2, 1, Gas.low) }
    public static var SMOD: OpcodeSpec { .init(0x07, "SMOD", 2, 1, Gas.low) }
    public static var ADDMOD: OpcodeSpec { .init(0x08, "ADDMOD", 3, 1, Gas.mid) }
    public static var MULMOD: OpcodeSpec { .init(0x09, "MULMOD", 3, 1, Gas.mid) }
    public static var EXP: OpcodeSpec { .init(0x0a, "EXP", 2, 1, Gas.exp, .exp) }
    public static var SIGNEXTEND: OpcodeSpec { .init(0x0b, "SIGNEXTEND", 2, 1, Gas.low) }
    public static var LT: OpcodeSpec { .init(0x10, "LT", 2, 1, Gas.verylow) }
    public static var GT: OpcodeSpec { .init(0x11, "GT", 2, 1, Gas.verylow) }
    public static var SLT: OpcodeSpec { .init(0x12, "SLT", 2, 1, Gas.verylow) }
    public static var SGT: OpcodeSpec { .init(0x13, "SGT", 2, 1, Gas.verylow) }
    public static var EQ: OpcodeSpec { .init(0x14, "EQ", 2, 1, Gas.verylow) }
    public static var ISZERO: OpcodeSpec { .init(0x15, "ISZERO", 1, 1, Gas.verylow) }
    public static var AND: OpcodeSpec { .init(0x16, "AND", 2, 1, Gas.verylow) }
    public static var OR: OpcodeSpec { .init(0x17, "OR", 2, 1, Gas.verylow) }
    public static var XOR: OpcodeSpec { .init(0x18, "XOR", 2, 1, Gas.verylow) }
    public static var NOT: OpcodeSpec { .init(0x19, "NOT", 1, 1, Gas.verylow) }
    public static var BYTE: OpcodeSpec { .init(0x1a, "BYTE", 2, 1, Gas.verylow) }
    public static var SHL: OpcodeSpec { .init(0x1b, "SHL", 2, 1, Gas.verylow) }
    public static var SHR: OpcodeSpec { .init(0x1c, "SHR", 2, 1, Gas.verylow) }
    public static var SAR: OpcodeSpec { .init(0x1d, "SAR", 2, 1, Gas.verylow) }
    public static var KECCAK256: OpcodeSpec { .init(0x20, "KECCAK256", 2, 1, Gas.keccak256, .keccak256) }
    public static var ADDRESS: OpcodeSpec { .init(0x30, "ADDRESS", 0, 1, Gas.base) }
    public static var BALANCE: OpcodeSpec { .init(0x31, "BALANCE", 1, 1, Gas.warmAccess, .coldAccount) }
    public static var ORIGIN: OpcodeSpec { .init(0x32, "ORIGIN", 0, 1, Gas.base) }
    public static var CALLER: OpcodeSpec { .init(0x33, "CALLER", 0, 1, Gas.base) }
    public static var CALLVALUE: OpcodeSpec { .init(0x34, "CALLVALUE", 0, 1, Gas.base) }
    public static var CALLDATALOAD: OpcodeSpec { .init(0x35, "CALLDATALOAD", 1, 1, Gas.verylow) }
    public static var CALLDATASIZE: OpcodeSpec { .init(0x36, "CALLDATASIZE", 0, 1, Gas.base) }
    public static var CALLDATACOPY: OpcodeSpec { .init(0x37, "CALLDATACOPY", 3, 0, Gas.verylow, .copy) }
    public static var CODESIZE: OpcodeSpec { .init(0x38, "CODESIZE", 0, 1, Gas.base) }
    public static var CODECOPY: OpcodeSpec { .init(0x39, "CODECOPY", 3, 0, Gas.verylow, .copy) }
    public static var GASPRICE: OpcodeSpec { .init(0x3a, "GASPRICE", 0, 1, Gas.base) }
    public static var EXTCODESIZE: OpcodeSpec { .init(0x3b, "EXTCODESIZE", 1, 1, Gas.warmAccess, .coldAccount) }
    public static var EXTCODECOPY: OpcodeSpec { .init(0x3c, "EXTCODECOPY", 4, 0, Gas.warmAccess, .extCodeCopy) }
    public static var RETURNDATASIZE: OpcodeSpec { .init(0x3d, "RETURNDATASIZE", 0, 1, Gas.base) }
    public static var RETURNDATACOPY: OpcodeSpec { .init(0x3e, "RETURNDATACOPY", 3, 0, Gas.verylow, .copy) }
    public static var EXTCODEHASH: OpcodeSpec { .init(0x3f, "EXTCODEHASH", 1, 1, Gas.warmAccess, .coldAccount) }
    public static var BLOCKHASH: OpcodeSpec { .init(0x40, "BLOCKHASH", 1, 1, Gas.blockhash) }
    public static var COINBASE: OpcodeSpec { .init(0x41, "COINBASE", 0, 1, Gas.base) }
    public static var TIMESTAMP: OpcodeSpec { .init(0x42, "TIMESTAMP", 0, 1, Gas.base) }
    public static var NUMBER: OpcodeSpec { .init(0x43, "NUMBER", 0, 1, Gas.base) }
    public static var DIFFICULTY: OpcodeSpec { .init(0x44, "DIFFICULTY", 0, 1, Gas.base) }
    public static var GASLIMIT: OpcodeSpec { .init(0x45, "GASLIMIT", 0, 1, Gas.base) }
    public static var CHAINID: OpcodeSpec { .init(0x46, "CHAINID", 0, 1, Gas.base) }
    public static var SELFBALANCE: OpcodeSpec { .init(0x47, "SELFBALANCE", 0, 1, Gas.low) }   // EIP-1884
    public static var POP: OpcodeSpec { .init(0x50, "POP", 1, 0, Gas.base) }
    public static var MLOAD: OpcodeSpec { .init(0x51, "MLOAD", 1, 1, Gas.verylow, .memoryExpansion) }
    public static var MSTORE: OpcodeSpec { .init(0x52, "MSTORE", 2, 0, Gas.verylow, .memoryExpansion) }
    public static var MSTORE8: OpcodeSpec { .init(0x53, "MSTORE8", 2, 0, Gas.verylow, .memoryExpansion) }
    public static var SLOAD: OpcodeSpec { .init(0x54, "SLOAD", 1, 1, Gas.warmAccess, .coldSload) }
    public static var SSTORE: OpcodeSpec { .init(0x55, "SSTORE", 2, 0, Gas.zero, .sstore) }
    public static var JUMP: OpcodeSpec { .init(0x56, "JUMP", 1, 0, Gas.mid) }
    public static var JUMPI: OpcodeSpec { .init(0x57, "JUMPI", 2, 0, Gas.high) }
    public static var PC: OpcodeSpec { .init(0x58, "PC", 0, 1, Gas.base) }
    public static var MSIZE: OpcodeSpec { .init(0x59, "MSIZE", 0, 1, Gas.base) }
    public static var GAS: OpcodeSpec { .init(0x5a, "GAS", 0, 1, Gas.base) }
    public static var JUMPDEST: OpcodeSpec { .init(0x5b, "JUMPDEST", 0, 0, Gas.jumpdest) }
    /// PUSH1...PUSH32 (n bytes of immediate data).
    @inline(__always) public static func PUSH(_ n: Int) -> OpcodeSpec {
        .init(UInt8(truncatingIfNeeded: 0x5f + n), "PUSH", 0, 1, Gas.verylow, family: Int8(truncatingIfNeeded: n))
    }
    /// DUP1...DUP16.
    @inline(__always) public static func DUP(_ n: Int) -> OpcodeSpec {
        .init(UInt8(truncatingIfNeeded: 0x7f + n), "DUP", n, n + 1, Gas.verylow, family: Int8(truncatingIfNeeded: n))
    }
    /// SWAP1...SWAP16.
    @inline(__always) public static func SWAP(_ n: Int) -> OpcodeSpec {
        .init(UInt8(truncatingIfNeeded: 0x8f + n), "SWAP", n + 1, n + 1, Gas.verylow, family: Int8(truncatingIfNeeded: n))
    }
    /// LOG0...LOG4: 375 plus 375 per topic.
    public static func LOG(_ n: Int) -> OpcodeSpec {
        .init(UInt8(truncatingIfNeeded: 0xa0 + n), "LOG", 2 + n, 0, Gas.log + Int32(truncatingIfNeeded: n) * Gas.logTopic,
              .log, family: Int8(truncatingIfNeeded: n))
    }
    public static var CREATE: OpcodeSpec { .init(0xf0, "CREATE", 3, 1, Gas.create, .create) }
    public static var CALL: OpcodeSpec { .init(0xf1, "CALL", 7, 1, Gas.warmAccess, .call) }
    public static var CALLCODE: OpcodeSpec { .init(0xf2, "CALLCODE", 7, 1, Gas.warmAccess, .call) }
    public static var RETURN: OpcodeSpec { .init(0xf3, "RETURN", 2, 0, Gas.zero, .memoryExpansion) }
    public static var DELEGATECALL: OpcodeSpec { .init(0xf4, "DELEGATECALL", 6, 1, Gas.warmAccess, .call) }
    public static var CREATE2: OpcodeSpec { .init(0xf5, "CREATE2", 4, 1, Gas.create, .create2) }
    public static var STATICCALL: OpcodeSpec { .init(0xfa, "STATICCALL", 6, 1, Gas.warmAccess, .call) }
    public static var REVERT: OpcodeSpec { .init(0xfd, "REVERT", 2, 0, Gas.zero, .memoryExpansion) }
    /// EIP-141: the designated invalid instruction, which consumes all gas.
    public static var INVALID: OpcodeSpec { .init(0xfe, "INVALID", 0, 0, Gas.zero) }
    public static var SELFDESTRUCT: OpcodeSpec { .init(0xff, "SELFDESTRUCT", 1, 0, Gas.selfdestruct, .selfdestruct) }

    // After Berlin.
    public static var BASEFEE: OpcodeSpec { .init(0x48, "BASEFEE", 0, 1, Gas.base, since: .eip3198) }
    public static var PREVRANDAO: OpcodeSpec { .init(0x44, "PREVRANDAO", 0, 1, Gas.base, since: .eip4399) }
    public static var PUSH0: OpcodeSpec { .init(0x5f, "PUSH0", 0, 1, Gas.base, since: .eip3855) }
    public static var TLOAD: OpcodeSpec { .init(0x5c, "TLOAD", 1, 1, Gas.transientAccess, since: .eip1153) }
    public static var TSTORE: OpcodeSpec { .init(0x5d, "TSTORE", 2, 0, Gas.transientAccess, since: .eip1153) }
    public static var MCOPY: OpcodeSpec { .init(0x5e, "MCOPY", 3, 0, Gas.verylow, .copy, since: .eip5656) }
    public static var BLOBHASH: OpcodeSpec { .init(0x49, "BLOBHASH", 1, 1, Gas.blobhash, since: .eip4844) }
    public static var BLOBBASEFEE: OpcodeSpec { .init(0x4a, "BLOBBASEFEE", 0, 1, Gas.base, since: .eip7516) }
    /// EIP-7939: count leading zero bits, priced like MUL.
    public static var CLZ: OpcodeSpec { .init(0x1e, "CLZ", 1, 1, Gas.low, since: .eip7939) }

    /// The definition of an opcode `EVM.run` runs inline, the same in every fork (InlineOpcodeTests
    /// checks each against every fork's table). The loop passes the byte as a literal, so in a
    /// release build this folds to the definition's constants; in a debug build the loop passes
    /// one byte instead of a 64-byte definition per case, which keeps its frame small enough
    /// for 1024 nested calls.
    @_transparent static func inlined(_ op: UInt8) -> OpcodeSpec {
        switch op {
        case 0x00: return STOP
        case 0x01: return ADD
        case 0x02: return MUL
        case 0x03: return SUB
        case 0x04: return DIV
        case 0x05: return SDIV
        case 0x06: return MOD
        case 0x07: return SMOD
        case 0x08: return ADDMOD
        case 0x09: return MULMOD
        case 0x0a: return EXP
        case 0x0b: return SIGNEXTEND
        case 0x10: return LT
        case 0x11: return GT
        case 0x12: return SLT
        case 0x13: return SGT
        case 0x14: return EQ
        case 0x15: return ISZERO
        case 0x16: return AND
        case 0x17: return OR
        case 0x18: return XOR
        case 0x19: return NOT
        case 0x1a: return BYTE
        case 0x1b: return SHL
        case 0x1c: return SHR
        case 0x1d: return SAR
        case 0x35: return CALLDATALOAD
        case 0x50: return POP
        case 0x51: return MLOAD
        case 0x52: return MSTORE
        case 0x56: return JUMP
        case 0x57: return JUMPI
        case 0x58: return PC
        case 0x5a: return GAS
        case 0x5b: return JUMPDEST
        case 0x60...0x7f: return PUSH(Int(op) &- 0x5f)
        case 0x80...0x8f: return DUP(Int(op) &- 0x7f)
        case 0x90...0x9f: return SWAP(Int(op) &- 0x8f)
        default: return INVALID         // not inlined: InlineOpcodeTests fails on it
        }
    }

    /// All of the above: `InstructionTable` builds each fork's table from this list.
    public static let all: [OpcodeSpec] = [
        STOP, ADD, MUL, SUB, DIV, SDIV, MOD, SMOD, ADDMOD, MULMOD, EXP, SIGNEXTEND,
        LT, GT, SLT, SGT, EQ, ISZERO, AND, OR, XOR, NOT, BYTE, SHL, SHR, SAR, KECCAK256,
        ADDRESS, BALANCE, ORIGIN, CALLER, CALLVALUE, CALLDATALOAD, CALLDATASIZE, CALLDATACOPY,
        CODESIZE, CODECOPY, GASPRICE, EXTCODESIZE, EXTCODECOPY, RETURNDATASIZE, RETURNDATACOPY,
        EXTCODEHASH, BLOCKHASH, COINBASE, TIMESTAMP, NUMBER, DIFFICULTY, GASLIMIT, CHAINID,
        SELFBALANCE, POP, MLOAD, MSTORE, MSTORE8, SLOAD, SSTORE, JUMP, JUMPI, PC, MSIZE, GAS,
        JUMPDEST,
    ] + (1...32).map(PUSH) + (1...16).map(DUP) + (1...16).map(SWAP) + (0...4).map(LOG) + [
        CREATE, CALL, CALLCODE, RETURN, DELEGATECALL, CREATE2, STATICCALL, REVERT, INVALID, SELFDESTRUCT,
        BASEFEE, PREVRANDAO, PUSH0, TLOAD, TSTORE, MCOPY, BLOBHASH, BLOBBASEFEE,
        CLZ,
    ]
}
