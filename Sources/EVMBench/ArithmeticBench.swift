import UInt256

/// `EVMBench arith`: native-limb vs GMP `mpn` implementations of the division-family ops and EXP.
/// The public U256 op uses the winner; both stay callable as `U256.Native.*` / `U256.GMP.*`.
///
/// Decision table: filled in from `swift run -c release EVMBench arith` (see below for the run).
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
        if let g = r.gmp { winner = r.native <= g ? "native" : "gmp" } else { winner = "-" }
        print("| \(pad(r.op, 6)) | \(pad(r.shape, 25)) | \(pad(fmt(r.native), 12)) | \(pad(r.gmp.map(fmt) ?? "-", 9)) | \(pad(winner, 6)) |")
    }
}
