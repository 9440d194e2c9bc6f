import EVM
import Primitives
import UInt256

// Shared by the interpreter-level families: a tiny assembler for loop-shaped test code, an EVM
// holding it, and an instruction counter so that results can be given per EVM instruction.

/// Bytecode builder. `loop(times:body:)` wraps `body` (which must leave the stack as it found
/// it) in a counted loop: PUSH4 n, JUMPDEST, body, PUSH1 1, SWAP1, SUB, DUP1, PUSH2 head, JUMPI.
struct Asm {
    var bytes: [UInt8] = []

    mutating func op(_ b: UInt8...) { bytes += b }
    mutating func push(_ v: UInt64, width: Int) {
        bytes.append(0x5f + UInt8(width))
        for i in (0..<width).reversed() { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))) }
    }
    mutating func push1(_ v: UInt8) { op(0x60, v) }
    mutating func push(address a: Address) { op(0x73); bytes += a.bytes }

    mutating func loop(times n: Int, _ body: (inout Asm) -> Void) {
        push(UInt64(n), width: 4)
        let head = bytes.count
        op(0x5b)                                   // JUMPDEST
        body(&self)
        op(0x60, 1, 0x90, 0x03)                    // PUSH1 1 SWAP1 SUB: counter - 1
        op(0x80)                                   // DUP1
        push(UInt64(head), width: 2)
        op(0x57)                                   // JUMPI while counter != 0
        op(0x50, 0x00)                             // POP STOP
    }
}

/// Counts executed instructions (all depths); used once per benchmark, outside the timing.
final class InstructionCounter: Inspector {
    var count = 0
    func step(_ frame: borrowing Frame, opcode: UInt8) { count += 1 }
}

/// An EVM with the benchmark contract (and optionally a callee) installed, as `porvm bench` does.
struct BenchEVM {
    static let sender = Address(hi: 0xa94f_5374_fce5_edbc, mid: 0x8e2a_8697_c153_3167, lo: 0x7e6e_bf0b)
    static let contract = Address(hi: 0xbe7c_43a5_8000_0000, mid: 0, lo: 1)
    static let callee = Address(hi: 0xbe7c_43a5_8000_0000, mid: 0, lo: 2)

    let evm: EVM
    let message: Message

    init(code: [UInt8], callee calleeCode: [UInt8]? = nil, input: [UInt8] = []) {
        let state = WorldState()
        state.setAccount(Self.sender, Account(balance: U256(w0: 0, w1: 1, w2: 0, w3: 0)))
        state.setAccount(Self.contract, Account(nonce: 1, code: Bytecode(code)))
        if let calleeCode { state.setAccount(Self.callee, Account(nonce: 1, code: Bytecode(calleeCode))) }
        evm = EVM(fork: .london, state: state)
        message = Message(gas: 1_000_000_000, recipient: Self.contract, sender: Self.sender, input: input)
    }

    /// Instructions one call executes, and whether it succeeded (a benchmark of a failing call
    /// would time the wrong thing).
    func instructions() -> (count: Int, ok: Bool) {
        let c = InstructionCounter()
        let r = evm.call(message, inspector: c)
        return (c.count, r.status == .success)
    }

    /// Best-of-trials ns per call.
    func nsPerCall() -> Double {
        Bench.nsPerOp(minTrialNs: 20_000_000, trials: 7) { n in
            var acc: UInt64 = 0
            for _ in 0..<n { acc &+= UInt64(bitPattern: evm.call(message).gasLeft) }
            return acc
        }
    }
}

/// Runs a deep-recursion-safe body (the EVM recurses per call frame) on a big stack.
func onBigStack(_ body: () -> Void) { DeepStack.run { body() } }
