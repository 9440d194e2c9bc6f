import UInt256

/// `EVMBench arith`: native-limb vs GMP `mpn` implementations of the division-family ops and EXP.
/// The public U256 op uses the winner; both stay callable as `U256.Native.*` / `U256.GMP.*`.
///
/// Decision table, `swift run -c release EVMBench arith` on the dev machine (AMD EPYC, Zen 5
/// family 26, Swift 6.3.1, GMP 6.2.1), best of 15 trials and of two runs, ns/op; 1024 operand
/// sets per row, results folded into a checksum. GMP = mpn_tdiv_qr / mpn_mul / mpn_sqr on stack
/// limb buffers (no allocation), called through the same Swift wrapper shape as the native code.
///
/// | op     | operands                  | native | gmp   | winner |
/// |--------|---------------------------|-------:|------:|--------|
/// | (loop) | harness overhead          |    0.3 |     - |        |
/// | ADD    | 256 + 256                 |    1.0 |     - |        |
/// | MUL    | 256 * 256                 |    2.9 |     - |        |
/// | DIV    | 256 / 256                 |   10.3 |  11.8 | native |
/// | DIV    | 256 / 192                 |   24.5 |  29.0 | native |
/// | DIV    | 256 / 128                 |   18.3 |  18.2 | tie    |
/// | DIV    | 256 / 64                  |   15.3 |  15.8 | native |
/// | DIV    | fixed-pt 124b / 60b       |    9.6 |  15.3 | native |
/// | DIV    | fixed-pt 124b / 96b       |   11.9 |  18.5 | native |
/// | DIV    | small 32b / 16b           |    8.2 |  11.8 | native |
/// | MOD    | 256 % 256                 |   10.6 |  11.8 | native |
/// | MOD    | 256 % 128                 |   18.4 |  18.1 | tie    |
/// | MOD    | 256 % 64                  |   15.5 |  15.7 | native |
/// | MOD    | small 32b % 16b           |    8.7 |  10.7 | native |
/// | SDIV   | ±256 / ±128               |   19.9 |  21.9 | native |
/// | SMOD   | ±256 / ±128               |   19.6 |  21.4 | native |
/// | SDIV   | ±small / ±small           |    4.8 |  14.3 | native |
/// | SMOD   | ±small / ±small           |    4.6 |  13.4 | native |
/// | ADDMOD | bn254: a,b < p            |    5.8 |  22.9 | native |
/// | ADDMOD | secp256k1: a,b < p        |    5.7 |  16.9 | native |
/// | ADDMOD | 256 + 256 mod 256         |   21.2 |  28.1 | native |
/// | ADDMOD | 256 + 256 mod 64          |   18.3 |  20.7 | native |
/// | MULMOD | bn254: a,b < p            |   36.4 |  54.9 | native |
/// | MULMOD | secp256k1: a,b < p        |   35.1 |  50.5 | native |
/// | MULMOD | 256 * 256 mod 256         |   35.1 |  56.3 | native |
/// | MULMOD | 256 * 256 mod 128         |   37.7 |  51.7 | native |
/// | MULMOD | 256 * 256 mod 64          |   35.9 |  37.6 | native |
/// | MULMOD | small 32b * 16b mod 16b   |    3.7 |  16.1 | native |
/// | EXP    | 256 ^ 256-bit e           | 1551.4 |3914.4 | native |
/// | EXP    | 256 ^ 64-bit e            |  391.8 | 982.1 | native |
/// | EXP    | 256 ^ 8-bit e             |   25.1 | 108.5 | native |
/// | EXP    | 10 ^ 18                   |   16.4 |  60.9 | native |
///
/// Outcome: every public op is native. GMP's only non-loss is the 128-bit divisor under a full
/// 256-bit dividend (within 0.3 ns, run-to-run noise is ~1 ns), not worth a C call that the
/// interpreter cannot inline. Its per-call cost (~11 ns even for one-limb operands) dominates at
/// 4 limbs, and the native code has shape-specific paths GMP lacks (small operands, reduced
/// ADDMOD operands, register-resident 512-by-256 reduction). Things tried and measured slower on this Zen 5:
/// Newton-iteration reciprocals instead of one hardware division (DIV 256/64 20.8 vs 16.0 ns),
/// and reciprocal 2-by-1 chains for single-limb divisors (MOD 256 % 64 19.9 vs 15.5 ns).
/// Re-run after changing the division code or moving to another CPU: the divider's speed decides.
enum ArithmeticBench {
    static let count = 1024  // operands per shape; power of two so the index wraps with a mask
    static let mask = count - 1

    struct Row {
        let op: String
        let shape: String
        let native: Double
        let gmp: Double?
    }

    // Moduli that elliptic-curve code (precompiles, Solidity EC libraries) reduces by.
    static let bn254P = U256(hex: "0x30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47") ?? .max
    static let secp256k1P = U256(hex: "0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f") ?? .max

    static func words(_ rng: inout BenchRNG, bits: Int, nonZero: Bool = true) -> [U256] {
        (0..<count).map { _ in
            var w = U256(w0: rng.next(), w1: rng.next(), w2: rng.next(), w3: rng.next())
            if bits < 256 { w = w & (U256.one.shiftedLeft(byBits: bits) &- .one) }
            // Force the top bit so the width is exact (random values are sometimes narrower).
            w = w | U256.one.shiftedLeft(byBits: bits - 1)
            return (nonZero && w.isZero) ? .one : w
        }
    }

    static func below(_ rng: inout BenchRNG, _ n: U256) -> [U256] {
        (0..<count).map { _ in
            U256.Native.mod(U256(w0: rng.next(), w1: rng.next(), w2: rng.next(), w3: rng.next()), n)
        }
    }

    static func small(_ rng: inout BenchRNG, max: UInt64) -> [U256] {
        (0..<count).map { _ in U256(1 + rng.next() % max) }
    }

    static func negate(_ xs: [U256], every k: Int) -> [U256] {
        xs.enumerated().map { $0.offset % k == 0 ? $0.element.negated : $0.element }
    }

    @inline(__always)
    static func time2(_ a: [U256], _ b: [U256], _ op: (U256, U256) -> U256) -> Double {
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                Bench.nsPerOp { n in
                    var acc: UInt64 = 0
                    var i = 0
                    for _ in 0..<n {
                        let r = op(pa[i], pb[i])
                        acc &+= r.w0 ^ r.w3
                        i = (i &+ 1) & mask
                    }
                    return acc
                }
            }
        }
    }

    @inline(__always)
    static func time3(_ a: [U256], _ b: [U256], _ c: [U256], _ op: (U256, U256, U256) -> U256) -> Double {
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeBufferPointer { pc in
                    Bench.nsPerOp { n in
                        var acc: UInt64 = 0
                        var i = 0
                        for _ in 0..<n {
                            let r = op(pa[i], pb[i], pc[i])
                            acc &+= r.w0 ^ r.w3
                            i = (i &+ 1) & mask
                        }
                        return acc
                    }
                }
            }
        }
    }

    static func run(_ args: [String]) {
        var rng = BenchRNG(seed: 0xB0B)
        let full = words(&rng, bits: 256), full2 = words(&rng, bits: 256)
        let d192 = words(&rng, bits: 192), d128 = words(&rng, bits: 128), d64 = words(&rng, bits: 64)
        let sm1 = small(&rng, max: 1 << 32), sm2 = small(&rng, max: 1 << 16)
        let fx128 = words(&rng, bits: 124), fx64 = words(&rng, bits: 60), fx96 = words(&rng, bits: 96)
        let signedFull = negate(full, every: 2), signed128 = negate(d128, every: 3)
        let signedSmall1 = negate(sm1, every: 2), signedSmall2 = negate(sm2, every: 3)
        let bnA = below(&rng, bn254P), bnB = below(&rng, bn254P)
        let bnN = [U256](repeating: bn254P, count: count)
        let kA = below(&rng, secp256k1P), kB = below(&rng, secp256k1P)
        let kN = [U256](repeating: secp256k1P, count: count)
        let e8 = small(&rng, max: 255), e64 = words(&rng, bits: 64)
        let tens = [U256](repeating: U256(10), count: count)
        let e18 = [U256](repeating: U256(18), count: count)

        // Both implementations must agree on every operand used here before we time them.
        for i in 0..<count {
            let ok = U256.Native.div(full[i], d128[i]) == U256.GMP.div(full[i], d128[i])
                && U256.Native.mulmod(bnA[i], bnB[i], bn254P) == U256.GMP.mulmod(bnA[i], bnB[i], bn254P)
                && U256.Native.exp(full[i], e64[i]) == U256.GMP.exp(full[i], e64[i])
            if !ok { print("MISMATCH at \(i)"); exit(1) }
        }

        var rows: [Row] = []
        func add(_ op: String, _ shape: String, _ native: Double, _ gmp: Double?) {
            let r = Row(op: op, shape: shape, native: native, gmp: gmp)
            rows.append(r)
            printRow(r)
        }
        printHeader()

        add("(loop)", "harness overhead", time2(full, full2) { a, _ in a }, nil)
        add("ADD", "256 + 256", time2(full, full2) { $0 &+ $1 }, nil)
        add("MUL", "256 * 256", time2(full, full2) { $0 &* $1 }, nil)

        for (shape, a, b) in [("256 / 256", full, full2), ("256 / 192", full, d192),
                              ("256 / 128", full, d128), ("256 / 64", full, d64),
                              ("fixed-pt 124b / 60b", fx128, fx64), ("fixed-pt 124b / 96b", fx128, fx96),
                              ("small 32b / 16b", sm1, sm2)] {
            add("DIV", shape, time2(a, b) { U256.Native.div($0, $1) }, time2(a, b) { U256.GMP.div($0, $1) })
        }
        for (shape, a, b) in [("256 % 256", full, full2), ("256 % 128", full, d128),
                              ("256 % 64", full, d64), ("small 32b % 16b", sm1, sm2)] {
            add("MOD", shape, time2(a, b) { U256.Native.mod($0, $1) }, time2(a, b) { U256.GMP.mod($0, $1) })
        }
        for (shape, a, b) in [("±256 / ±128", signedFull, signed128), ("±small / ±small", signedSmall1, signedSmall2)] {
            add("SDIV", shape, time2(a, b) { U256.Native.sdiv($0, $1) }, time2(a, b) { U256.GMP.sdiv($0, $1) })
            add("SMOD", shape, time2(a, b) { U256.Native.smod($0, $1) }, time2(a, b) { U256.GMP.smod($0, $1) })
        }
        for (shape, a, b, n) in [("bn254: a,b < p", bnA, bnB, bnN), ("secp256k1: a,b < p", kA, kB, kN),
                                 ("256 + 256 mod 256", full, full2, d192.map { $0 | U256.one.shiftedLeft(byBits: 255) }),
                                 ("256 + 256 mod 64", full, full2, d64)] {
            add("ADDMOD", shape, time3(a, b, n) { U256.Native.addmod($0, $1, $2) },
                time3(a, b, n) { U256.GMP.addmod($0, $1, $2) })
        }
        for (shape, a, b, n) in [("bn254: a,b < p", bnA, bnB, bnN), ("secp256k1: a,b < p", kA, kB, kN),
                                 ("256 * 256 mod 256", full, full2, full.map { $0 | U256.one.shiftedLeft(byBits: 255) }),
                                 ("256 * 256 mod 128", full, full2, d128),
                                 ("256 * 256 mod 64", full, full2, d64),
                                 ("small 32b * 16b mod 16b", sm1, sm2, sm2)] {
            add("MULMOD", shape, time3(a, b, n) { U256.Native.mulmod($0, $1, $2) },
                time3(a, b, n) { U256.GMP.mulmod($0, $1, $2) })
        }
        for (shape, a, b) in [("256 ^ 256-bit e", full, full2), ("256 ^ 64-bit e", full, e64),
                              ("256 ^ 8-bit e", full, e8), ("10 ^ 18", tens, e18)] {
            add("EXP", shape, time2(a, b) { U256.Native.exp($0, $1) }, time2(a, b) { U256.GMP.exp($0, $1) })
        }
        print("(checksum \(benchSink & 0xffff))")
    }

    static func printHeader() {
        print("| op     | operands                  | native ns/op | gmp ns/op | winner |")
        print("|--------|---------------------------|-------------:|----------:|--------|")
    }

    static func printRow(_ r: Row) {
        let winner: String
        if let g = r.gmp {
            // Within 3% is inside run-to-run noise on a shared machine.
            winner = abs(r.native - g) <= 0.03 * min(r.native, g) ? "tie" : r.native < g ? "native" : "gmp"
        } else {
            winner = "-"
        }
        print("| \(pad(r.op, 6)) | \(pad(r.shape, 25)) | \(pad(fmt(r.native), 12)) | \(pad(r.gmp.map(fmt) ?? "-", 9)) | \(pad(winner, 6)) |")
    }
}
