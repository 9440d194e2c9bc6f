import Testing
@testable import EVM
import Primitives
import UInt256

// Shared helpers for the EVM opcode tests: a tiny text assembler, a runner that installs code
// at an address and calls it the way `porvm run` does (CallSetup), and word/byte helpers.
// Expected values in the tests never come from running this EVM: each test names its source.

// MARK: words and bytes

/// A word from hex (with or without 0x); a bad literal fails the test that uses it.
func w(_ hex: String) -> U256 {
    guard let v = U256(hex: hex) else {
        Issue.record("bad hex literal \(hex)")
        return U256(w0: 0xdead, w1: 0xbeef, w2: 0xdead, w3: 0xbeef)
    }
    return v
}

func w(_ v: UInt64) -> U256 { U256(v) }

/// Bytes from hex; spaces and underscores are ignored for readability.
func bytes(_ hex: String) -> [UInt8] {
    let clean = hex.filter { $0 != " " && $0 != "_" && $0 != "\n" }
    guard let b = Hex.decode(clean) else {
        Issue.record("bad hex bytes \(hex)")
        return []
    }
    return b
}

func addr(_ hex: String) -> Address {
    guard let a = Address(hex: hex) else {
        Issue.record("bad address \(hex)")
        return .zero
    }
    return a
}

/// Two's complement -v, written out independently of U256's negation.
func neg(_ v: UInt64) -> U256 {
    U256(w0: ~v &+ 1, w1: v == 0 ? 0 : ~0, w2: v == 0 ? 0 : ~0, w3: v == 0 ? 0 : ~0)
}

/// -2^255, the most negative signed word.
let minSigned = U256(w0: 0, w1: 0, w2: 0, w3: 1 << 63)
let maxSigned = U256(w0: ~0, w1: ~0, w2: ~0, w3: ~0 >> 1)

/// The output of a call read as one big-endian word (32 bytes expected).
func word(_ out: [UInt8]) -> U256 {
    if out.count != 32 { Issue.record("expected 32 bytes of output, got \(out.count)") }
    return U256(bigEndianBytes: out)
}

// MARK: assembler

/// Assembles whitespace-separated tokens:
/// - an opcode name (`ADD`, `SSTORE`, `PUSH2 0x1234`: a PUSHn takes the next token as its
///   immediate, left-padded to n bytes);
/// - a bare number (`0x20`, `32`) is pushed with the smallest PUSHn (PUSH1 for zero, so that
///   the code also runs before Shanghai);
/// - `name:` marks a position, `@name` pushes it as PUSH2 (labels may be used before defined);
/// - `#hex` emits raw bytes.
func asm(_ source: String) -> [UInt8] {
    let tokens = source.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
    var labels: [String: Int] = [:]
    var fixups: [(at: Int, label: String)] = []
    var out: [UInt8] = []
    var i = 0
    while i < tokens.count {
        let t = tokens[i]
        i += 1
        if t.hasSuffix(":") {
            labels[String(t.dropLast())] = out.count
        } else if t.hasPrefix("@") {
            out.append(0x61)
            fixups.append((out.count, String(t.dropFirst())))
            out += [0, 0]
        } else if t.hasPrefix("#") {
            out += bytes(String(t.dropFirst()))
        } else if let op = Opcode.byName(t) {
            out.append(op)
            if op >= 0x60 && op <= 0x7f {
                let n = Int(op) - 0x5f
                guard i < tokens.count, let v = number(tokens[i]) else {
                    Issue.record("\(t) needs an immediate")
                    return out
                }
                i += 1
                let b = v.bigEndianBytes
                out += Array(b[(32 - n)...])
            }
        } else if let v = number(t) {
            out += pushBytes(v)
        } else {
            Issue.record("unknown token \(t)")
        }
    }
    for f in fixups {
        guard let pos = labels[f.label] else { Issue.record("undefined label \(f.label)"); continue }
        out[f.at] = UInt8(pos >> 8)
        out[f.at + 1] = UInt8(pos & 0xff)
    }
    return out
}

private func number(_ t: String) -> U256? {
    if t.hasPrefix("0x") || t.hasPrefix("0X") { return U256(hex: t) }
    return U256(decimal: t)
}

/// PUSHn with the fewest bytes (PUSH1 0 for zero).
func pushBytes(_ v: U256) -> [UInt8] {
    var b = v.minimalBigEndianBytes
    if b.isEmpty { b = [0] }
    return [UInt8(0x5f + b.count)] + b
}

/// Code that pushes `data` into memory at 0 (MSTORE per 32-byte chunk, zero-padded).
func storeInMemory(_ data: [UInt8], at base: Int = 0) -> [UInt8] {
    var code: [UInt8] = []
    var off = 0
    while off < data.count {
        var chunk = Array(data[off..<min(off + 32, data.count)])
        chunk += [UInt8](repeating: 0, count: 32 - chunk.count)
        code += [0x7f] + chunk + pushBytes(U256(UInt64(base + off))) + [0x52]
        off += 32
    }
    return code
}

/// Stores the stack top at memory 0 and returns those 32 bytes.
let returnTop = asm(ret)
/// The same as assembler text, for use inside a larger `asm` source with labels.
let ret = "0 MSTORE 32 0 RETURN"

// MARK: running code

enum Addr {
    /// Like porvm's CallSetup: a funded sender calling a contract that holds the code.
    static let sender = Address(hi: 0x1000_0000_0000_0000, mid: 0, lo: 0)
    static let contract = Address(hi: 0x2000_0000_0000_0000, mid: 0, lo: 0)
    static let other = Address(hi: 0x3000_0000_0000_0000, mid: 0, lo: 0)
    static let third = Address(hi: 0x4000_0000_0000_0000, mid: 0, lo: 0)
}

/// 2^64 wei: plenty for every value transfer in these tests.
let senderBalance = U256(w0: 0, w1: 1, w2: 0, w3: 0)

/// A world with the funded sender and `code` at `Addr.contract` (nonce 1, like CallSetup).
func makeEVM(code: [UInt8], fork: Fork = .cancun, contractBalance: U256 = .zero,
             storage: [U256: U256] = [:], block: BlockEnvironment = BlockEnvironment(),
             tx: TransactionContext = TransactionContext()) -> EVM {
    let state = WorldState()
    state.setAccount(Addr.sender, Account(balance: senderBalance))
    state.setAccount(Addr.contract, Account(nonce: 1, balance: contractBalance, code: Bytecode(code), storage: storage))
    return EVM(fork: fork, state: state, block: block, tx: tx)
}

func install(_ evm: EVM, _ code: [UInt8], at a: Address, balance: U256 = .zero, storage: [U256: U256] = [:]) {
    evm.state.setAccount(a, Account(nonce: 1, balance: balance, code: Bytecode(code), storage: storage))
}

/// One top-level call to `to` (default `Addr.contract`), on a large stack as porvm does.
@discardableResult
func call(_ evm: EVM, to: Address = Addr.contract, input: [UInt8] = [], gas: Int64 = 1_000_000,
          value: U256 = .zero, inspector: (any Inspector)? = nil) -> CallResult {
    let message = Message(gas: gas, recipient: to, sender: Addr.sender, value: value, input: input)
    return DeepStack.run { evm.call(message, inspector: inspector) }
}

/// Installs `code` and calls it once.
@discardableResult
func run(_ code: [UInt8], input: [UInt8] = [], gas: Int64 = 1_000_000, fork: Fork = .cancun,
         value: U256 = .zero, storage: [U256: U256] = [:], contractBalance: U256 = .zero,
         block: BlockEnvironment = BlockEnvironment(), tx: TransactionContext = TransactionContext())
    -> (result: CallResult, evm: EVM) {
    let evm = makeEVM(code: code, fork: fork, contractBalance: contractBalance, storage: storage, block: block, tx: tx)
    let r = call(evm, input: input, gas: gas, value: value)
    return (r, evm)
}

/// Runs `code` and returns the word it RETURNs (asserting success).
func eval(_ code: [UInt8], fork: Fork = .cancun, input: [UInt8] = [],
          sourceLocation: SourceLocation = #_sourceLocation) -> U256 {
    let (r, _) = run(code + returnTop, input: input, fork: fork)
    #expect(r.status == .success, sourceLocation: sourceLocation)
    return r.output.count == 32 ? U256(bigEndianBytes: r.output) : U256(w0: 0xbad, w1: 0xbad, w2: 0xbad, w3: 0xbad)
}

/// Gas used by a call that started with `gas`.
func gasUsed(_ r: CallResult, _ gas: Int64 = 1_000_000) -> Int64 { gas - r.gasLeft }

/// Records every step's opcode, pc and depth, and the gas each cost (gas before minus gas after).
final class StepRecorder: Inspector {
    struct Step { var pc: Int; var op: UInt8; var depth: Int; var gasBefore: Int64; var gasAfter: Int64? }
    var steps: [Step] = []
    var maxDepth = 0
    var calls: [(message: Message, result: CallResult?)] = []
    func step(_ frame: borrowing Frame, opcode: UInt8) {
        steps.append(Step(pc: frame.pc, op: opcode, depth: frame.depth, gasBefore: frame.gas, gasAfter: nil))
        maxDepth = max(maxDepth, frame.depth)
    }
    func stepEnd(_ frame: borrowing Frame, opcode: UInt8) {
        if let i = steps.lastIndex(where: { $0.depth == frame.depth && $0.gasAfter == nil }) {
            steps[i].gasAfter = frame.gas
        }
    }
    /// Child messages (calls and creations below the top level) and the results of all frames.
    var results: [CallResult] = []
    func callStart(_ message: Message, callerGasLeft: Int64?) {
        if callerGasLeft != nil { calls.append((message, nil)) }
    }
    func callEnd(_ message: Message, result: CallResult) {
        if message.depth > 0 { results.append(result) }
    }
    /// Gas charged by the first step running `opcode` at depth 0.
    func cost(of opcode: String) -> Int64? {
        guard let op = Opcode.byName(opcode),
              let s = steps.first(where: { $0.op == op && $0.depth == 0 }), let after = s.gasAfter else { return nil }
        return s.gasBefore - after
    }
}

/// Code computing `a OP b` (a on top of the stack, as the Yellow Paper's µs[0]).
func binop(_ name: String, _ a: U256, _ b: U256) -> [UInt8] {
    pushBytes(b) + pushBytes(a) + asm(name)
}

/// Code computing OP(a, b, c) with a on top.
func ternop(_ name: String, _ a: U256, _ b: U256, _ c: U256) -> [UInt8] {
    pushBytes(c) + pushBytes(b) + pushBytes(a) + asm(name)
}

/// Records the stack (bottom to top) before every step.
final class StackCapture: Inspector {
    var stacks: [[U256]] = []
    var ops: [UInt8] = []
    func step(_ frame: borrowing Frame, opcode: UInt8) {
        stacks.append(frame.stackItems)
        ops.append(opcode)
    }
}

/// Assembler text for a CALL-family instruction (arguments pushed in reverse, gas on top).
func callText(_ op: String = "CALL", to: Address, gas: String = "GAS", value: UInt64 = 0,
              inOffset: Int = 0, inSize: Int = 0, outOffset: Int = 0, outSize: Int = 0) -> String {
    let v = (op == "CALL" || op == "CALLCODE") ? " \(value)" : ""
    return "\(outSize) \(outOffset) \(inSize) \(inOffset)\(v) \(to.word.hexString) \(gas) \(op)"
}
