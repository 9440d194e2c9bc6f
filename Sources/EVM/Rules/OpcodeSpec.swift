/// One opcode as a fork defines it: what the Yellow Paper's appendix H and the EIPs say about it
/// (name, stack arity, static gas, what else it charges), and the EIP that introduced this
/// version after Berlin. `Opcodes` declares them; `InstructionTable` and the interpreter's
/// inline cases are both built from these values.
@frozen public struct OpcodeSpec: Sendable, Equatable, CustomStringConvertible {
    public let opcode: UInt8
    /// The mnemonic without its family number: "PUSH" for PUSH7 (see `name`).
    public let mnemonic: StaticString
    /// PUSHn/DUPn/SWAPn/LOGn's n; -1 for every other opcode. Kept apart from the mnemonic so
    /// that a spec is built without formatting a string (the hot loop builds them inline).
    public let family: Int8
    /// Stack items taken (δ) and pushed (α), Yellow Paper appendix H.
    public let inputs: Int
    public let outputs: Int
    /// Gas charged before the opcode runs, warm price for EIP-2929 accesses.
    public let gas: Int32
    /// What the opcode charges on top, while it runs.
    public let dynamicGas: DynamicGas
    /// The EIP that introduced or changed this opcode after Berlin; nil when Berlin has it so.
    public let since: EIP?

    @inline(__always)
    init(_ opcode: UInt8, _ mnemonic: StaticString, _ inputs: Int, _ outputs: Int, _ gas: Int32,
         _ dynamicGas: DynamicGas = .none, family: Int8 = -1, since: EIP? = nil) {
        self.opcode = opcode
        self.mnemonic = mnemonic
        self.family = family
        self.inputs = inputs
        self.outputs = outputs
        self.gas = gas
        self.dynamicGas = dynamicGas
        self.since = since
    }

    public var name: String { family < 0 ? "\(mnemonic)" : "\(mnemonic)\(family)" }

    /// Items the opcode adds to the stack when it grows it (outputs − inputs, at least 0).
    public var growth: Int { max(0, outputs - inputs) }

    public var description: String {
        let hex = String(opcode, radix: 16)
        var s = "0x\(hex.count < 2 ? "0" + hex : hex) \(name) in=\(inputs) out=\(outputs) gas=\(gas) dynamic=\(dynamicGas)"
        if let since { s += " since=\(since)" }
        return s
    }

    public static func == (a: OpcodeSpec, b: OpcodeSpec) -> Bool {
        a.opcode == b.opcode && a.name == b.name && a.inputs == b.inputs && a.outputs == b.outputs
            && a.gas == b.gas && a.dynamicGas == b.dynamicGas && a.since == b.since
    }
}

/// The part of an opcode's gas that depends on its operands or on state, charged while it runs.
public enum DynamicGas: String, Sendable, CaseIterable {
    case none
    /// Memory expansion, 3·a + a²/512 (Yellow Paper eq. 326): MLOAD, MSTORE, MSTORE8, RETURN, REVERT.
    case memoryExpansion
    /// Memory expansion plus 3 per word copied: CALLDATACOPY, CODECOPY, RETURNDATACOPY, MCOPY.
    case copy
    /// 50 per byte of the exponent (EIP-160).
    case exp
    /// Memory expansion plus 6 per word hashed.
    case keccak256
    /// EIP-2929: 2600 − 100 when the account is cold: BALANCE, EXTCODESIZE, EXTCODEHASH.
    case coldAccount
    /// Cold account, memory expansion and 3 per word: EXTCODECOPY.
    case extCodeCopy
    /// EIP-2929: 2100 − 100 when the slot is cold.
    case coldSload
    /// EIP-2200 with EIP-2929 and EIP-3529: set/reset prices, cold slot, refunds.
    case sstore
    /// Memory expansion plus 8 per byte logged (topics are in the static gas).
    case log
    /// Cold account, value transfer, new account, memory expansion, 63/64 forwarding (EIP-150).
    case call
    /// Memory expansion and, from EIP-3860, 2 per word of init code.
    case create
    /// CREATE's plus 6 per word of init code hashed for the address (EIP-1014).
    case create2
    /// Cold beneficiary and, when value goes to an empty account, 25000 (EIP-150/161).
    case selfdestruct
}
