import EVM

/// `EVMBench interp`: dispatch-heavy loops, ns per executed EVM instruction (loop control
/// included). Each body is unrolled 32 times inside a 2000-iteration loop.
///
/// Measured with `swift run -c release EVMBench interp` on the dev machine (AMD EPYC Zen 5, Swift 6.3,
/// shared 2-core VM; best of 2-3 trials, so noise only ever adds). "perf" is after the interpreter
/// work on branch `perf`; "perf2" adds the EVM target's limb-width flags (Package.swift):
///
/// | body             | perf | perf2 |
/// |------------------|-----:|------:|
/// | JUMPDEST         |  0.8 |   0.8 |
/// | PUSH1 POP        |  0.9 |   1.0 |
/// | PUSH32 POP       |  1.2 |   1.2 |
/// | DUP1 SWAP1 POP   |  1.5 |   1.2 |
/// | PUSH1 ADD        |  1.5 |   1.4 |
/// | PUSH1 MUL        |  2.2 |   2.2 |
/// | ISZERO (chained) |  5.6 |   1.0 |
/// | DUP2 DUP2 LT POP |  1.1 |   1.2 |
/// | PUSH2 JUMP       |  1.1 |   1.1 |
///
/// (ns per instruction.) Decisions: these informed the loop design in Interpreter.swift: pc/gas/stack
/// pointer in registers, constant (immediate) bounds and gas checks for hot opcodes, one jump table
/// (JUMPDEST went from ~36 to 13 x86 instructions; see the commit log). The ISZERO outlier was a
/// store-to-load forwarding stall: LLVM read the operand with two 16-byte loads, each spanning two of
/// the previous result's 8-byte stores (same for DUP/SWAP copies and JUMPI's condition after any
/// arithmetic result). Fixed by keeping every stack load and store limb-sized (Package.swift). Storing
/// results as two 16-byte vectors instead was measured and dropped: ISZERO 3.7, but the GPR-to-vector
/// moves lengthen every chain (PUSH1 MUL 3.3, PUSH2 JUMP 2.0, snailtracer no better).
enum InterpBench {
    /// `setup` pushes the items the body works on (above the loop counter) and `teardown` pops them,
    /// once per iteration; `body` is repeated 32 times between them.
    static func unrolled(_ body: @escaping (inout Asm) -> Void, setup: [UInt8] = [], teardown: [UInt8] = []) -> [UInt8] {
        var a = Asm()
        a.loop(times: 2000) {
            $0.op(contentsOf: setup)
            for _ in 0..<32 { body(&$0) }
            $0.op(contentsOf: teardown)
        }
        return a.bytes
    }

    static func run(_ args: [String]) {
        let cases: [(String, [UInt8])] = [
            ("JUMPDEST", unrolled { $0.op(0x5b) }),
            ("PUSH1 POP", unrolled { $0.push1(1); $0.op(0x50) }),
            ("PUSH32 POP", unrolled { $0.op(0x7f); $0.bytes += [UInt8](repeating: 0xab, count: 32); $0.op(0x50) }),
            ("DUP1 SWAP1 POP", unrolled { $0.op(0x80, 0x90, 0x50) }),
            ("PUSH1 ADD", unrolled({ $0.push1(3); $0.op(0x01) }, setup: [0x60, 0x00], teardown: [0x50])),
            ("PUSH1 MUL", unrolled({ $0.push1(3); $0.op(0x02) }, setup: [0x60, 0x01], teardown: [0x50])),
            ("ISZERO", unrolled({ $0.op(0x15) }, setup: [0x60, 0x00], teardown: [0x50])),
            ("DUP2 DUP2 LT POP", unrolled({ $0.op(0x81, 0x81, 0x10, 0x50) }, setup: [0x60, 0x07, 0x60, 0x09], teardown: [0x50, 0x50])),
            ("PUSH2 JUMP", jumpChain()),
        ]
        print("interp: ns per executed EVM instruction")
        print("\(pad("body", 18)) \(pad("ns/instr", 9)) instrs/call")
        onBigStack {
            for (name, code) in cases {
                let evm = BenchEVM(code: code)
                let (count, ok) = evm.instructions()
                let ns = evm.nsPerCall()
                print("\(pad(name, 18)) \(pad(fmt(ns / Double(count)), 9)) \(count)\(ok ? "" : " (FAILED)")")
            }
        }
    }

    /// 32 unconditional jumps per iteration, each to the next block's JUMPDEST.
    static func jumpChain() -> [UInt8] {
        var a = Asm()
        a.loop(times: 2000) { b in
            for _ in 0..<32 {
                let target = b.bytes.count + 4                    // PUSH2 xx xx JUMP, then JUMPDEST
                b.push(UInt64(target), width: 2); b.op(0x56, 0x5b)
            }
        }
        return a.bytes
    }
}

extension Asm {
    mutating func op(contentsOf b: [UInt8]) { bytes += b }
}
