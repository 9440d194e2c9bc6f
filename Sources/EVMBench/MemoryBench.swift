import EVM

/// `EVMBench memory`: MSTORE/MLOAD through the interpreter, in bounds and while expanding.
/// Each case is a loop of 4096 iterations; ns/op is per memory instruction (the loop's other
/// instructions are included, so compare the rows with each other and with `interp`).
///
/// RESULTS
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
