import EVM

/// `EVMBench jumpdest`: code analysis (the JUMPDEST bitmap and the zero padding built by
/// `Bytecode.init`) of 24 KiB codes, the EIP-170 maximum, in its three extreme shapes.
///
/// Measured with `swift run -c release EVMBench jumpdest` on the dev machine (AMD EPYC Zen 5, Swift 6.3,
/// shared 2-core VM; best of 7-15 trials, so noise only ever adds), after the interpreter work
/// on branch `perf`:
///
/// | shape          | ns/code | ns/byte |
/// |----------------|--------:|--------:|
/// | push-heavy     |  1691.5 |    0.07 |
/// | JUMPDEST-dense | 18251.3 |    0.74 |
/// | zeros          |  9346.4 |    0.38 |
///
/// Decision: analysis happens once per code (the `Bytecode` is kept in the account and shared
/// by every frame), so even the worst 24 KiB shape, ~18 µs, is paid at deployment or first
/// load, never per call; the per-byte loop stays. It would matter for CREATE-heavy workloads
/// (init code is analysed on each CREATE); a branch-free bitmap build is the candidate then.
enum JumpdestBench {
    static func run(_ args: [String]) {
        let size = 24 * 1024
        // PUSH32 with 32 data bytes that look like JUMPDESTs: the skip path on every byte.
        var pushHeavy = [UInt8]()
        while pushHeavy.count < size { pushHeavy.append(0x7f); pushHeavy += [UInt8](repeating: 0x5b, count: 32) }
        pushHeavy = Array(pushHeavy.prefix(size))
        let shapes: [(String, [UInt8])] = [
            ("push-heavy", pushHeavy),
            ("JUMPDEST-dense", [UInt8](repeating: 0x5b, count: size)),
            ("zeros", [UInt8](repeating: 0x00, count: size)),
        ]
        print("jumpdest: Bytecode(_:) analysis of 24 KiB code, ns per analysis")
        print("\(pad("shape", 16)) \(pad("ns/code", 10)) ns/byte")
        for (name, code) in shapes {
            let ns = Bench.nsPerOp(minTrialNs: 10_000_000) { n in
                var acc: UInt64 = 0
                for _ in 0..<n { acc &+= UInt64(Bytecode(code).count) }
                return acc
            }
            print("\(pad(name, 16)) \(pad(fmt(ns), 10)) \((ns / Double(size) * 100).rounded() / 100)")
        }
    }
}
