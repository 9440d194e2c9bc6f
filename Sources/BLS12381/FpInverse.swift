// Inversion in Fp by the binary extended Euclidean algorithm (Menezes, van Oorschot, Vanstone,
// Handbook of Applied Cryptography, algorithm 14.61, the odd-modulus form). Variable time, which is
// fine here: every value the EVM precompiles invert is public. It replaces Fermat's a^(p−2)
// (381 squarings and ~190 products), which dominated the cost of EIP-2537's point additions.
// On a Montgomery element aR it computes (aR)⁻¹ and multiplies by R³ mod p (one Montgomery
// product) to reach a⁻¹R; the tests check it against Fermat.

extension Fp {
    /// R³ mod p (R = 2^384), computed with Python big integers.
    static let r3 = Fp(0xed48_ac6b_d94c_a1e0, 0x315f_831e_03a7_adf8, 0x9a53_352a_615e_29dd,
                       0x34c0_4e5e_921e_1761, 0x2512_d435_6572_4728, 0x0aa6_3460_9175_5d4d)

    /// The multiplicative inverse (zero maps to zero), by the binary extended Euclidean algorithm.
    public func inverseBinary() -> Fp {
        if isZero { return .zero }
        // Invariants: x1·self ≡ u and x2·self ≡ v (mod p); u, v odd after halving; x1, x2 in [0, p).
        var u = RawLimbs(self), v = RawLimbs(Fp(Fp.P0, Fp.P1, Fp.P2, Fp.P3, Fp.P4, Fp.P5))
        var x1 = RawLimbs(Fp(1, 0, 0, 0, 0, 0)), x2 = RawLimbs(.zero)
        while !u.isOne && !v.isOne {
            while u.isEven { u.halve(); x1.halveModP() }
            while v.isEven { v.halve(); x2.halveModP() }
            if u.isAtLeast(v) {
                u.subtract(v); x1 = RawLimbs(x1.fp - x2.fp)
            } else {
                v.subtract(u); x2 = RawLimbs(x2.fp - x1.fp)
            }
        }
        let raw = u.isOne ? x1.fp : x2.fp     // (aR)⁻¹ as a plain integer below p
        return raw * Fp.r3                    // (aR)⁻¹ · R³ · R⁻¹ = a⁻¹R
    }
}

/// Six little-endian limbs as a plain integer, for the Euclidean steps.
struct RawLimbs {
    var l0: UInt64, l1: UInt64, l2: UInt64, l3: UInt64, l4: UInt64, l5: UInt64

    @inline(__always) init(_ f: Fp) { l0 = f.l0; l1 = f.l1; l2 = f.l2; l3 = f.l3; l4 = f.l4; l5 = f.l5 }

    /// The same limbs as an Fp (they are below p, so Fp's modular subtraction applies).
    @inline(__always) var fp: Fp { Fp(l0, l1, l2, l3, l4, l5) }

    @inline(__always) var isEven: Bool { l0 & 1 == 0 }
    @inline(__always) var isOne: Bool { l0 == 1 && (l1 | l2 | l3 | l4 | l5) == 0 }

    @inline(__always) mutating func halve() {
        l0 = (l0 >> 1) | (l1 << 63); l1 = (l1 >> 1) | (l2 << 63); l2 = (l2 >> 1) | (l3 << 63)
        l3 = (l3 >> 1) | (l4 << 63); l4 = (l4 >> 1) | (l5 << 63); l5 >>= 1
    }

    /// self/2 mod p: add p first when odd (self + p < 2^382, so no carry leaves the top limb).
    @inline(__always) mutating func halveModP() {
        if l0 & 1 == 1 {
            var c: UInt64 = 0
            (c, l0) = Fp.adc(l0, Fp.P0, c); (c, l1) = Fp.adc(l1, Fp.P1, c); (c, l2) = Fp.adc(l2, Fp.P2, c)
            (c, l3) = Fp.adc(l3, Fp.P3, c); (c, l4) = Fp.adc(l4, Fp.P4, c); (_, l5) = Fp.adc(l5, Fp.P5, c)
        }
        halve()
    }

    @inline(__always) func isAtLeast(_ o: RawLimbs) -> Bool {
        if l5 != o.l5 { return l5 > o.l5 }
        if l4 != o.l4 { return l4 > o.l4 }
        if l3 != o.l3 { return l3 > o.l3 }
        if l2 != o.l2 { return l2 > o.l2 }
        if l1 != o.l1 { return l1 > o.l1 }
        return l0 >= o.l0
    }

    /// self −= o, for self ≥ o.
    @inline(__always) mutating func subtract(_ o: RawLimbs) {
        var b: UInt64 = 0
        (b, l0) = Fp.sbb(l0, o.l0, b); (b, l1) = Fp.sbb(l1, o.l1, b); (b, l2) = Fp.sbb(l2, o.l2, b)
        (b, l3) = Fp.sbb(l3, o.l3, b); (b, l4) = Fp.sbb(l4, o.l4, b); (_, l5) = Fp.sbb(l5, o.l5, b)
    }
}
