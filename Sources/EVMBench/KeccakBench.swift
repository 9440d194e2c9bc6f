import EVMCrypto
import Primitives

/// `EVMBench keccak`: Keccak-256 throughput (KECCAK256, CREATE2, mapping slots, EXTCODEHASH).
///
/// Measured with `swift run -c release EVMBench keccak` on the dev machine (AMD EPYC, Zen 5
/// family 26, Swift 6.3, shared 2-core VM), best of 15 trials:
///
/// | input   | ns/hash | ns/byte | MB/s  |
/// |---------|--------:|--------:|------:|
/// Measured with `swift run -c release EVMBench keccak` on the dev machine (AMD EPYC Zen 5, Swift 6.3,
/// shared 2-core VM; best of 7-15 trials, so noise only ever adds), after the interpreter work
/// on branch `perf`:
///
/// | input   | ns/hash  | ns/byte | MB/s |
/// |---------|---------:|--------:|-----:|
/// | 32 B    |    248.5 |    7.77 |  128 |
/// | 136 B   |    492.9 |    3.62 |  275 |
/// | 1 KiB   |   1941.5 |    1.90 |  527 |
/// | 64 KiB  | 118771.9 |    1.81 |  551 |
///
/// Decision: one Keccak-f[1600] permutation costs ~245 ns here (32 B is one block, 136 B two,
/// with the padding block), which is slow next to optimised scalar permutations (~100 ns), but
/// KECCAK256 is ~6% of snailtracer and less elsewhere in the suite, so the interpreter work went
/// to dispatch and hashing of state keys instead. The permutation lives in EVMCrypto: a faster
/// one is the next step for hash-heavy contracts (mapping-heavy code, CREATE2).
///
/// Decision: the permutation (~190 ns per 136-byte block) sets the cost; at 32 B, the
/// size of nearly every hash the interpreter does (mapping keys), one block is all there is,
/// so the per-call setup is small against it. KECCAK256 was ~6% of snailtracer, so the
/// permutation is not where the interpreter work was spent; it stays as it is.
enum KeccakBench {
    static func run(_ args: [String]) {
        print("keccak: Keccak-256 of an n-byte buffer, ns per hash")
        print("\(pad("input", 9)) \(pad("ns/hash", 10)) \(pad("ns/byte", 9)) MB/s")
        for (label, n) in [("32 B", 32), ("136 B", 136), ("1 KiB", 1024), ("64 KiB", 65536)] {
            var rng = BenchRNG(seed: UInt64(n))
            let input = (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            var out = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
            let ns = input.withUnsafeBytes { p in
                Bench.nsPerOp(minTrialNs: n > 4096 ? 20_000_000 : 4_000_000) { count in
                    var acc: UInt64 = 0
                    withUnsafeMutableBytes(of: &out) { o in
                        for _ in 0..<count {
                            Keccak256.hash(p, into: o.baseAddress!)  // safe: 32-byte tuple
                            acc &+= o.load(as: UInt64.self)
                        }
                    }
                    return acc
                }
            }
            let perByte = (ns / Double(n) * 100).rounded() / 100
            print("\(pad(label, 9)) \(pad(fmt(ns), 10)) \(pad(String(perByte), 9)) \(Int(Double(n) / ns * 1000))")
        }
    }
}
