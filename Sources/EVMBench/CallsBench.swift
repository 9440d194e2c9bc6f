import EVM

/// `EVMBench calls`: a contract CALLs another N = 1000 times; ns/op is per CALL, including the
/// caller's ~13 loop and argument instructions and the callee's body: the per-frame cost of
/// message setup, frame init, pooled stack/memory, journal checkpoint and result copies.
///
/// RESULTS
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
