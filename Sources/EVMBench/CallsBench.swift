import EVM

/// `EVMBench calls`: a contract CALLs another N = 1000 times; ns/op is per CALL, including the
/// caller's ~13 loop and argument instructions and the callee's body: the per-frame cost of
/// message setup, frame init, pooled stack/memory, journal checkpoint and result copies.
///
/// Measured with `swift run -c release EVMBench calls` on the dev machine (AMD EPYC Zen 5, Swift 6.3,
/// shared 2-core VM; best of 7-15 trials, so noise only ever adds), after the interpreter work
/// on branch `perf`:
///
/// | case                | ns/call | instrs/call |
/// |---------------------|--------:|------------:|
/// | CALL -> STOP        |   139.3 |          17 |
/// | STATICCALL -> STOP  |   135.2 |          16 |
/// | CALL -> RETURN 32 B |   191.0 |          19 |
/// | CALL 64 B -> echo   |   234.9 |          23 |
/// | CALL -> SLOAD       |   163.3 |          20 |
///
/// Decision: a frame costs ~120 ns beyond its instructions (checkpoint, warm-set insert, code
/// lookup, Message with its `[UInt8]` input, pooled stack/memory); output and input copies add
/// ~50 ns each as `[UInt8]` allocations. The standard benchmarks make no nested calls, so the
/// interpreter loop came first; replacing the input/output arrays with slices of pooled
/// buffers is the next per-call step.
enum CallsBench {
    static let calls = 1000

    /// CALL(gas, callee, 0, 0, argsSize, 0, retSize) then POP, in a loop.
    static func caller(argsSize: UInt8, retSize: UInt8, kind: UInt8 = 0xf1) -> [UInt8] {
        var a = Asm()
        a.loop(times: calls) {
            $0.push1(retSize); $0.push1(0); $0.push1(argsSize); $0.push1(0)
            if kind == 0xf1 { $0.push1(0) }                                       // value (CALL only)
            $0.push(address: BenchEVM.callee)
            $0.op(0x5a, kind, 0x50)                                                // GAS CALL POP
        }
        return a.bytes
    }

    static func run(_ args: [String]) {
        let stop: [UInt8] = [0x00]
        let ret32: [UInt8] = [0x60, 0x20, 0x60, 0x00, 0xf3]                     // RETURN 32 zero bytes
        let echo: [UInt8] = [0x36, 0x60, 0x00, 0x60, 0x00, 0x37, 0x36, 0x60, 0x00, 0xf3] // return calldata
        let sload: [UInt8] = [0x60, 0x00, 0x54, 0x50, 0x00]                      // SLOAD(0) POP STOP
        let cases: [(String, [UInt8], [UInt8])] = [
            ("CALL -> STOP", caller(argsSize: 0, retSize: 0), stop),
            ("STATICCALL -> STOP", caller(argsSize: 0, retSize: 0, kind: 0xfa), stop),
            ("CALL -> RETURN 32 B", caller(argsSize: 0, retSize: 32), ret32),
            ("CALL 64 B -> echo", caller(argsSize: 64, retSize: 64), echo),
            ("CALL -> SLOAD", caller(argsSize: 0, retSize: 0), sload),
        ]
        print("calls: \(calls) CALLs per transaction, ns per CALL")
        print("\(pad("case", 22)) \(pad("ns/call", 9)) instrs/call")
        onBigStack {
            for (name, code, callee) in cases {
                let evm = BenchEVM(code: code, callee: callee)
                let (count, ok) = evm.instructions()
                let ns = evm.nsPerCall()
                print("\(pad(name, 22)) \(pad(fmt(ns / Double(calls)), 9)) \(count / calls)\(ok ? "" : " (FAILED)")")
            }
        }
    }
}
