// The division-family ops and EXP on GMP's mpn layer, for comparison with U256.Native.
// Operands are copied into stack tuples of mp_limb_t: no heap allocation per call
// (GMP's mpn_tdiv_qr and mpn_mul only use alloca-sized scratch for operands this small).

import CGMP

extension U256 {
    /// GMP `mpn_*` implementations (kept so EVMBench can keep measuring them).
    public enum GMP {}
}

extension U256.GMP {
    @usableFromInline typealias Limb = mp_limb_t

    /// Unsigned quotient and remainder via mpn_tdiv_qr; a zero divisor gives (0, 0).
    @inlinable
    public static func divMod(_ u: U256, _ v: U256) -> (quotient: U256, remainder: U256) {
        let dn = v.limbCount
        if dn == 0 { return (.zero, .zero) }
        if u < v { return (.zero, u) }
        let nn = u.limbCount
        // n[0..<4] d[4..<8] q[8..<12] r[12..<16]
        var s: (Limb, Limb, Limb, Limb, Limb, Limb, Limb, Limb,
                Limb, Limb, Limb, Limb, Limb, Limb, Limb, Limb) =
            (Limb(u.w0), Limb(u.w1), Limb(u.w2), Limb(u.w3),
             Limb(v.w0), Limb(v.w1), Limb(v.w2), Limb(v.w3), 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutablePointer(to: &s) {
            let p = UnsafeMutableRawPointer($0).assumingMemoryBound(to: Limb.self)
            __gmpn_tdiv_qr(p + 8, p + 12, 0, p, mp_size_t(nn), p + 4, mp_size_t(dn))
        }
        // tdiv_qr writes nn-dn+1 quotient limbs and dn remainder limbs; the rest stay zero.
        return (U256(w0: UInt64(s.8), w1: UInt64(s.9), w2: UInt64(s.10), w3: UInt64(s.11)),
                U256(w0: UInt64(s.12), w1: UInt64(s.13), w2: UInt64(s.14), w3: UInt64(s.15)))
    }

    @inlinable
    public static func div(_ u: U256, _ v: U256) -> U256 { divMod(u, v).quotient }

    @inlinable
    public static func mod(_ u: U256, _ v: U256) -> U256 { divMod(u, v).remainder }

    @inlinable
    public static func sdiv(_ a: U256, _ b: U256) -> U256 {
        let an = a.isNegative, bn = b.isNegative
        let q = div(an ? a.negated : a, bn ? b.negated : b)
        return an != bn ? q.negated : q
    }

    @inlinable
    public static func smod(_ a: U256, _ m: U256) -> U256 {
        let an = a.isNegative
        let r = mod(an ? a.negated : a, m.isNegative ? m.negated : m)
        return an ? r.negated : r
    }

    /// Remainder of the `nn`-limb value at p[0..<nn] by n, using p[8..<12] for the divisor,
    /// p[12..<21] for the quotient and p[21..<25] for the remainder.
    @inlinable
    static func reduce(_ p: UnsafeMutablePointer<Limb>, _ nn: Int, _ n: U256) -> U256 {
        var nn = nn
        while nn > 0 && p[nn - 1] == 0 { nn -= 1 }
        let dn = n.limbCount
        if nn < dn {
            return U256(w0: UInt64(p[0]), w1: UInt64(p[1]), w2: UInt64(p[2]), w3: UInt64(p[3]))
        }
        p[8] = Limb(n.w0); p[9] = Limb(n.w1); p[10] = Limb(n.w2); p[11] = Limb(n.w3)
        p[21] = 0; p[22] = 0; p[23] = 0; p[24] = 0
        __gmpn_tdiv_qr(p + 12, p + 21, 0, p, mp_size_t(nn), p + 8, mp_size_t(dn))
        return U256(w0: UInt64(p[21]), w1: UInt64(p[22]), w2: UInt64(p[23]), w3: UInt64(p[24]))
    }

    @usableFromInline
    typealias Scratch = (Limb, Limb, Limb, Limb, Limb, Limb, Limb, Limb, Limb, Limb, Limb, Limb, Limb,
                         Limb, Limb, Limb, Limb, Limb, Limb, Limb, Limb, Limb, Limb, Limb, Limb)

    @inlinable
    static var emptyScratch: Scratch {
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    }

    /// (a + b) mod n over the 257-bit sum, via mpn_tdiv_qr; n == 0 gives 0.
    @inlinable
    public static func addmod(_ a: U256, _ b: U256, _ n: U256) -> U256 {
        if n.isZero { return .zero }
        let (s, carry) = a.addingReportingOverflow(b)
        var t = emptyScratch
        t.0 = Limb(s.w0); t.1 = Limb(s.w1); t.2 = Limb(s.w2); t.3 = Limb(s.w3); t.4 = carry ? 1 : 0
        return withUnsafeMutablePointer(to: &t) {
            reduce(UnsafeMutableRawPointer($0).assumingMemoryBound(to: Limb.self), 5, n)
        }
    }

    /// (a * b) mod n over the 512-bit product (mpn_mul then mpn_tdiv_qr); n == 0 gives 0.
    @inlinable
    public static func mulmod(_ a: U256, _ b: U256, _ n: U256) -> U256 {
        if n.isZero { return .zero }
        // Longer operand first, as mpn_mul requires.
        let (x, y) = a.limbCount >= b.limbCount ? (a, b) : (b, a)
        let xn = x.limbCount, yn = y.limbCount
        if yn == 0 { return .zero }
        // product p[0..<8], operands at p[12..<16] and p[16..<20] (clear of the product).
        var t = emptyScratch
        t.12 = Limb(x.w0); t.13 = Limb(x.w1); t.14 = Limb(x.w2); t.15 = Limb(x.w3)
        t.16 = Limb(y.w0); t.17 = Limb(y.w1); t.18 = Limb(y.w2); t.19 = Limb(y.w3)
        return withUnsafeMutablePointer(to: &t) {
            let p = UnsafeMutableRawPointer($0).assumingMemoryBound(to: Limb.self)
            _ = __gmpn_mul(p, p + 12, mp_size_t(xn), p + 16, mp_size_t(yn))
            return reduce(p, xn + yn, n)
        }
    }

    /// base^e mod 2^256 with mpn_sqr / mpn_mul_n, keeping the low four limbs of each product.
    @inlinable
    public static func exp(_ base: U256, _ e: U256) -> U256 {
        // r[0..<4] result, b[4..<8] base power, t[8..<16] product
        var s: (Limb, Limb, Limb, Limb, Limb, Limb, Limb, Limb,
                Limb, Limb, Limb, Limb, Limb, Limb, Limb, Limb) =
            (1, 0, 0, 0, Limb(base.w0), Limb(base.w1), Limb(base.w2), Limb(base.w3),
             0, 0, 0, 0, 0, 0, 0, 0)
        let bits = e.bitWidth
        withUnsafeMutablePointer(to: &s) {
            let p = UnsafeMutableRawPointer($0).assumingMemoryBound(to: Limb.self)
            let r = p, b = p + 4, t = p + 8
            var i = 0
            while i < bits {
                if !(e.shiftedRight(byBits: i).w0 & 1 == 0) {
                    __gmpn_mul_n(t, r, b, 4)
                    r[0] = t[0]; r[1] = t[1]; r[2] = t[2]; r[3] = t[3]
                }
                i += 1
                if i < bits {
                    __gmpn_sqr(t, b, 4)
                    b[0] = t[0]; b[1] = t[1]; b[2] = t[2]; b[3] = t[3]
                }
            }
        }
        return U256(w0: UInt64(s.0), w1: UInt64(s.1), w2: UInt64(s.2), w3: UInt64(s.3))
    }
}
