import EVM

/// `EVMBench memory`: MSTORE/MLOAD through the interpreter, in bounds and while expanding.
/// Each case is a loop of 4096 iterations; ns/op is per memory instruction (the loop's other
/// instructions are included, so compare the rows with each other and with `interp`).
///
/// Measured with `swift run -c release EVMBench memory` on the dev machine (AMD EPYC Zen 5, Swift 6.3,
/// shared 2-core VM; best of 7-15 trials, so noise only ever adds), after the interpreter work
/// on branch `perf`:
///
/// | case             | ns/op | ns/instr | instrs/call |
/// |------------------|------:|---------:|------------:|
/// | mstore in-bounds |  18.4 |      1.8 |       40963 |
/// | mload in-bounds  |  17.7 |      1.8 |       40963 |
/// | mstore grow 32 B |  25.2 |      1.8 |       57347 |
/// | mload grow 32 B  |  24.8 |      1.8 |       57347 |
/// | mstore unaligned |  18.2 |      1.8 |       40963 |
/// | mstore8          |  19.9 |      2.0 |       40963 |
///
/// Decision: in-bounds MLOAD/MSTORE run inline in the loop (`Memory.offsetInBounds`, no gas or
/// expansion work), and expanding accesses cost no more per instruction than in-bounds ones,
/// so the out-of-line `growMemory` (word-rounded cost difference, doubling buffer) is not worth
/// a special case. MSTORE8 stays out of line (rare in compiled code).
enum MemoryBench {
    static let iterations = 4096

    static func run(_ args: [String]) {
        let n = iterations
        var cases: [(String, [UInt8])] = []
        // In bounds: offset 0 after the first touch.
        var a = Asm(); a.loop(times: n) { $0.op(0x80); $0.push1(0); $0.op(0x52) }          // DUP1 PUSH1 0 MSTORE
        cases.append(("mstore in-bounds", a.bytes))
        a = Asm(); a.loop(times: n) { $0.push1(0); $0.op(0x51, 0x50) }                     // PUSH1 0 MLOAD POP
        cases.append(("mload in-bounds", a.bytes))
        // Growing: offset (n - counter) * 32, one new word per iteration.
        a = Asm(); a.loop(times: n) {
            $0.op(0x80, 0x80); $0.push(UInt64(n), width: 2); $0.op(0x03)                      // DUP1 DUP1 PUSH2 n SUB
            $0.push1(5); $0.op(0x1b, 0x52)                                                  // PUSH1 5 SHL MSTORE
        }
        cases.append(("mstore grow 32 B", a.bytes))
        a = Asm(); a.loop(times: n) {
            $0.op(0x80); $0.push(UInt64(n), width: 2); $0.op(0x03)                           // DUP1 PUSH2 n SUB
            $0.push1(5); $0.op(0x1b, 0x51, 0x50)                                            // PUSH1 5 SHL MLOAD POP
        }
        cases.append(("mload grow 32 B", a.bytes))
        // Unaligned in-bounds store straddling two words.
        a = Asm(); a.loop(times: n) { $0.op(0x80); $0.push1(17); $0.op(0x52) }
        cases.append(("mstore unaligned", a.bytes))
        a = Asm(); a.loop(times: n) { $0.op(0x80); $0.push1(0); $0.op(0x53) }              // MSTORE8
        cases.append(("mstore8", a.bytes))

        print("memory: \(n) memory ops per call through the interpreter")
        print("\(pad("case", 18)) \(pad("ns/op", 8)) \(pad("ns/instr", 9)) instrs/call")
        onBigStack {
            for (name, code) in cases {
                let evm = BenchEVM(code: code)
                let (count, ok) = evm.instructions()
                let ns = evm.nsPerCall()
                print("\(pad(name, 18)) \(pad(fmt(ns / Double(n)), 8)) \(pad(fmt(ns / Double(count)), 9)) \(count)\(ok ? "" : " (FAILED)")")
            }
        }
    }
}
