// Pure-Swift implementations of the EVM's division-family ops and EXP.
// `U256.Native` and `U256.GMP` expose the same functions so EVMBench can keep measuring
// both; the public ops in U256+EVMArithmetic.swift forward to whichever measured faster.

extension U256 {
    /// Pure-Swift limb implementations (no C calls).
    public enum Native {}
}

extension U256.Native {
    /// Unsigned quotient and remainder; a zero divisor gives (0, 0).
    @inlinable
    public static func divMod(_ u: U256, _ v: U256) -> (quotient: U256, remainder: U256) {
        if v.fitsInUInt64 {
            if v.w0 == 0 { return (.zero, .zero) }
            if u.fitsInUInt64 { return (U256(u.w0 / v.w0), U256(u.w0 % v.w0)) }
        }
        if u < v { return (.zero, u) }
        if (u.w2 | u.w3) == 0, #available(macOS 15.0, *) {
            // Both fit in 128 bits (fixed-point x * 1e18 / y): the runtime's 128-bit division
            // beat our same-length path here, 12.0 vs 21.5 ns for 124b / 96b (EVMBench arith).
            let a = UInt128(u.w1) << 64 | UInt128(u.w0), b = UInt128(v.w1) << 64 | UInt128(v.w0)
            let (q, r) = a.quotientAndRemainder(dividingBy: b)
            return (U256(w0: UInt64(truncatingIfNeeded: q), w1: UInt64(truncatingIfNeeded: q >> 64), w2: 0, w3: 0),
                    U256(w0: UInt64(truncatingIfNeeded: r), w1: UInt64(truncatingIfNeeded: r >> 64), w2: 0, w3: 0))
        }
        if v.fitsInUInt64 { return divModSmall(u, v.w0) }
        let vl = v.limbCount
        if vl == u.limbCount { return divModSameLength(u, v) }
        if vl == 2 { return divModTwoLimbs(u, v) }
        return divModLarge(u, v)
    }

    @inlinable
    public static func div(_ u: U256, _ v: U256) -> U256 {
        // A power-of-two divisor (pre-EIP-145 Solidity shifts; 820 of sha1_divs' 10,940 ops)
        // is a right shift. Valgrind, issue 14: instructions per call sha1_divs/5311 43.45M -> 33.96M,
        // sha1_divs/empty 540.0k -> 414.8k; the test costs the other divisions a little
        // (snailtracer 418.1M -> 420.5M).
        if !u.fitsInUInt64, let k = v.powerOfTwoExponent { return u.shiftedRight(byBits: k) }
        return divMod(u, v).quotient
    }

    @inlinable
    public static func mod(_ u: U256, _ v: U256) -> U256 { divMod(u, v).remainder }

    @inlinable
    public static func sdiv(_ a: U256, _ b: U256) -> U256 {
        // Divide magnitudes, then fix the sign. -2^255 / -1 falls out as 2^255 == -2^255 (wraps).
        let an = a.isNegative, bn = b.isNegative
        let q = div(an ? a.negated : a, bn ? b.negated : b)
        return an != bn ? q.negated : q
    }

    @inlinable
    public static func smod(_ a: U256, _ m: U256) -> U256 {
        // The result takes the dividend's sign (truncated division).
        let an = a.isNegative
        let r = mod(an ? a.negated : a, m.isNegative ? m.negated : m)
        return an ? r.negated : r
    }

    /// Single-limb divisor: a chain of hardware 128-by-64 divisions. On this Zen 5 that beat the
    /// reciprocal (M&G 2-by-1) chain, 16.4 vs 19.4 ns for 256/64 (EVMBench arith): the divider is fast.
    @inlinable
    static func divModSmall(_ u: U256, _ d: UInt64) -> (quotient: U256, remainder: U256) {
        if (u.w2 | u.w3) == 0 {
            // 128-bit dividend (fixed-point x * 1e18 / y): two divisions.
            let (q1, r1) = u.w1.quotientAndRemainder(dividingBy: d)
            let (q0, r0) = d.dividingFullWidth((r1, u.w0))
            return (U256(w0: q0, w1: q1, w2: 0, w3: 0), U256(r0))
        }
        let (q3, r3) = u.w3.quotientAndRemainder(dividingBy: d)
        let (q2, r2) = d.dividingFullWidth((r3, u.w2))
        let (q1, r1) = d.dividingFullWidth((r2, u.w1))
        let (q0, r0) = d.dividingFullWidth((r1, u.w0))
        return (U256(w0: q0, w1: q1, w2: q2, w3: q3), U256(r0))
    }

    /// u >= v with the same number of limbs (>= 2): the quotient is a single limb. Estimate it from
    /// the top 128 bits of the normalised dividend over the normalised top divisor limb (at most 2
    /// too large, Knuth's theorem B) and correct by comparison; no reciprocal needed.
    @inlinable
    static func divModSameLength(_ u: U256, _ v: U256) -> (quotient: U256, remainder: U256) {
        let n = v.limbCount
        let vTop = n == 4 ? v.w3 : n == 3 ? v.w2 : v.w1
        let s = vTop.leadingZeroBitCount              // shift that sets the divisor's top bit
        let vn = v.shiftedLeft(byBits: s)
        let un = u.shiftedLeft(byBits: s)
        let spill = s == 0 ? 0 : (n == 4 ? u.w3 : n == 3 ? u.w2 : u.w1) &>> UInt64(64 - s)
        let d1: UInt64, n1: UInt64
        switch n {
        case 2: d1 = vn.w1; n1 = un.w1
        case 3: d1 = vn.w2; n1 = un.w2
        default: d1 = vn.w3; n1 = un.w3
        }
        var q = d1.dividingFullWidth((spill, n1)).quotient
        // q * v as 320 bits (p, ph); step down while it exceeds u.
        var (p, ph) = v.multipliedFullWidth(by: q)
        while ph != 0 || u < p {
            q &-= 1
            let (np, borrow) = p.subtractingReportingOverflow(v)
            p = np
            ph &-= borrow ? 1 : 0
        }
        return (U256(q), u &- p)
    }

    /// Two-limb divisor (up to 128 bits) under a longer dividend: three exact 3-by-2 steps in registers.
    @inlinable
    static func divModTwoLimbs(_ u: U256, _ v: U256) -> (quotient: U256, remainder: U256) {
        let s = UInt64(v.w1.leadingZeroBitCount)
        let m: UInt64 = s == 0 ? 0 : ~0
        let rs = (64 &- s) & 63
        let d1 = (v.w1 &<< s) | ((v.w0 &>> rs) & m)
        let d0 = v.w0 &<< s
        let rec = LimbDivision.reciprocal(d1, d0)
        let n4 = (u.w3 &>> rs) & m
        let n3 = (u.w3 &<< s) | ((u.w2 &>> rs) & m)
        let n2 = (u.w2 &<< s) | ((u.w1 &>> rs) & m)
        let n1 = (u.w1 &<< s) | ((u.w0 &>> rs) & m)
        let n0 = u.w0 &<< s
        // (n4, n3) < (d1, d0) because u < 2^256 and d is normalised, so the first step is valid.
        let (q2, a1, a0) = LimbDivision.div3by2(n4, n3, n2, d1, d0, rec)
        let (q1, b1, b0) = LimbDivision.div3by2(a1, a0, n1, d1, d0, rec)
        let (q0, r1, r0) = LimbDivision.div3by2(b1, b0, n0, d1, d0, rec)
        let rem = U256(w0: (r0 &>> s) | ((r1 &<< rs) & m), w1: r1 &>> s, w2: 0, w3: 0)
        return (U256(w0: q0, w1: q1, w2: q2, w3: 0), rem)
    }

    /// Divisor of two or more limbs and u >= v.
    @usableFromInline
    static func divModLarge(_ u: U256, _ v: U256) -> (quotient: U256, remainder: U256) {
        // Scratch: u[0..<5], v[5..<9], q[9..<13].
        var s: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                UInt64, UInt64, UInt64, UInt64) =
            (u.w0, u.w1, u.w2, u.w3, 0, v.w0, v.w1, v.w2, v.w3, 0, 0, 0, 0)
        let ul = u.limbCount, vl = v.limbCount
        withUnsafeMutablePointer(to: &s) {
            let p = UnsafeMutableRawPointer($0).assumingMemoryBound(to: UInt64.self)
            LimbDivision.divide(p, ul, p + 5, vl, p + 9)
        }
        let r: U256
        switch vl {
        case 2: r = U256(w0: s.0, w1: s.1, w2: 0, w3: 0)
        case 3: r = U256(w0: s.0, w1: s.1, w2: s.2, w3: 0)
        default: r = U256(w0: s.0, w1: s.1, w2: s.2, w3: s.3)
        }
        // Quotient limbs above ul - vl were never written and are still zero.
        return (U256(w0: s.9, w1: s.10, w2: s.11, w3: s.12), r)
    }

    /// (a + b) mod n over the 257-bit sum; n == 0 gives 0.
    @inlinable
    public static func addmod(_ a: U256, _ b: U256, _ n: U256) -> U256 {
        if n.isZero { return .zero }
        let (s, carry) = a.addingReportingOverflow(b)
        if a < n && b < n {
            // Reduced operands (the elliptic-curve case): s < 2n, one conditional subtraction.
            // Left at that: weierstrudel/15 runs 1,467 ADDMODs a call against 18,336 MULMODs,
            // which took the work (issue 14).
            // With a carry the true sum s + 2^256 - n is < n, and wrapping s - n yields it.
            return (carry || !(s < n)) ? s &- n : s
        }
        if !carry { return mod(s, n) }
        var l: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
            (s.w0, s.w1, s.w2, s.w3, 1, 0, 0, 0, 0)
        return withUnsafeMutablePointer(to: &l) {
            remainder(UnsafeMutableRawPointer($0).assumingMemoryBound(to: UInt64.self), 5, n)
        }
    }

    /// (a * b) mod n over the 512-bit product; n == 0 gives 0.
    @inlinable
    public static func mulmod(_ a: U256, _ b: U256, _ n: U256) -> U256 {
        if n.isZero { return .zero }
        if a.fitsInUInt64 && b.fitsInUInt64 && n.fitsInUInt64 {
            // Small Solidity-style operands: one 128-by-64 division.
            let (h, l) = a.w0.multipliedFullWidth(by: b.w0)
            return U256(n.w0.dividingFullWidth((h % n.w0, l)).remainder)
        }
        let p = U256.multipliedFullWidth(a, b)
        if !(n.w3 == 0) { return reduce512(p, byFullWidth: n) }
        var l: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
            (p.l0, p.l1, p.l2, p.l3, p.l4, p.l5, p.l6, p.l7, 0)
        let ul = p.l7 != 0 ? 8 : p.l6 != 0 ? 7 : p.l5 != 0 ? 6 : p.l4 != 0 ? 5 : 4
        return withUnsafeMutablePointer(to: &l) {
            remainder(UnsafeMutableRawPointer($0).assumingMemoryBound(to: UInt64.self), ul, n)
        }
    }

    /// p mod n for a four-limb n (the elliptic-curve MULMOD shape): five exact 3-by-2 quotient
    /// steps over a sliding five-limb window, entirely in registers.
    @inlinable
    static func reduce512(_ p: Wide512, byFullWidth n: U256) -> U256 {
        let s = UInt64(n.w3.leadingZeroBitCount)
        let m: UInt64 = s == 0 ? 0 : ~0
        let rs = (64 &- s) & 63
        @inline(__always) func sh(_ hi: UInt64, _ lo: UInt64) -> UInt64 { (hi &<< s) | ((lo &>> rs) & m) }
        let d = U256(w0: n.w0 &<< s, w1: sh(n.w1, n.w0), w2: sh(n.w2, n.w1), w3: sh(n.w3, n.w2))
        let rec = LimbDivision.reciprocal(d.w3, d.w2)
        // Normalised product x8...x0; the window starts as (x8, x7, x6, x5, x4) and its top two
        // limbs are below (d3, d2) because x8 < 2^s <= d3 (or x8 = 0 when s = 0).
        var w = U256(w0: sh(p.l4, p.l3), w1: sh(p.l5, p.l4), w2: sh(p.l6, p.l5), w3: sh(p.l7, p.l6))
        // A product of reduced operands (the elliptic-curve case) has p.high < n: the top
        // quotient limb is 0 and the first window is already its own remainder. 93% of
        // weierstrudel's MULMODs skip this step; with the @_transparent step below, valgrind
        // instructions per call: weierstrudel/15 21.48M -> 19.56M, weierstrudel/1 1.716M -> 1.566M
        // (issue 14; 774 -> 664 per bn254 MULMOD in isolation).
        if !(p.high < n) { w = step((p.l7 &>> rs) & m, w, d, rec) }
        w = step(w.w3, U256(w0: sh(p.l3, p.l2), w1: w.w0, w2: w.w1, w3: w.w2), d, rec)
        w = step(w.w3, U256(w0: sh(p.l2, p.l1), w1: w.w0, w2: w.w1, w3: w.w2), d, rec)
        w = step(w.w3, U256(w0: sh(p.l1, p.l0), w1: w.w0, w2: w.w1, w3: w.w2), d, rec)
        w = step(w.w3, U256(w0: p.l0 &<< s, w1: w.w0, w2: w.w1, w3: w.w2), d, rec)
        // Undo the normalisation.
        return U256(w0: (w.w0 &>> s) | ((w.w1 &<< rs) & m), w1: (w.w1 &>> s) | ((w.w2 &<< rs) & m),
                    w2: (w.w2 &>> s) | ((w.w3 &<< rs) & m), w3: w.w3 &>> s)
    }

    /// (a4 : low) mod d for normalised four-limb d, given (a4, low.w3) <= (d.w3, d.w2); result < d.
    // @_transparent: with @inline(__always) four of the five calls stayed out of line.
    @_transparent @usableFromInline
    static func step(_ a4: UInt64, _ low: U256, _ d: U256, _ rec: UInt64) -> U256 {
        if a4 == d.w3 && low.w3 == d.w2 {
            // Outside div3by2's domain. The quotient limb is exactly B-1 here: the window is
            // >= (d3, d2, 0, 0, 0) > (B-1)·d because d3 >= 2^63 outweighs (d1, d0). The high
            // parts of window and (B-1)·d cancel, leaving the low 256 bits of the difference.
            return low &- d.multipliedFullWidth(by: .max).low
        }
        let (q, r1, r0) = LimbDivision.div3by2(a4, low.w3, low.w2, d.w3, d.w2, rec)
        // (r1, r0, low.w1, low.w0) - q·(d1, d0) in 128-bit halves, so the borrows compile to
        // SUB/SBB chains instead of SETB/ADD (part of 685 -> 545 instructions per MULMOD).
        let q0 = UInt128(q) &* UInt128(d.w0)
        let q1 = UInt128(q) &* UInt128(d.w1) &+ (q0 &>> 64)
        let qdLow = (q1 &<< 64) | (q0 & UInt128(UInt64.max))
        let (lo, b1) = ((UInt128(low.w1) &<< 64) | UInt128(low.w0)).subtractingReportingOverflow(qdLow)
        let (hi, b2) = ((UInt128(r1) &<< 64) | UInt128(r0))
            .subtractingReportingOverflow((q1 &>> 64) &+ (b1 ? 1 : 0))
        var r = U256(w0: UInt64(truncatingIfNeeded: lo), w1: UInt64(truncatingIfNeeded: lo &>> 64),
                     w2: UInt64(truncatingIfNeeded: hi), w3: UInt64(truncatingIfNeeded: hi &>> 64))
        if b2 {
            // Estimate one too large (probability ~1/B): add d back once.
            r = r &+ d
        }
        return r
    }

    /// u (ul limbs, room for ul+1) mod n, n != 0. Clobbers u.
    @usableFromInline
    static func remainder(_ u: UnsafeMutablePointer<UInt64>, _ ul: Int, _ n: U256) -> U256 {
        var ul = ul
        while ul > 0 && u[ul - 1] == 0 { ul -= 1 }
        if n.fitsInUInt64 {
            if ul == 0 { return .zero }
            return U256(LimbDivision.divide1(u, ul, n.w0))
        }
        let vl = n.limbCount
        if ul < vl {
            return U256(w0: u[0], w1: u[1], w2: u[2], w3: u[3])
        }
        var v = (n.w0, n.w1, n.w2, n.w3)
        withUnsafeMutablePointer(to: &v) {
            LimbDivision.divide(u, ul, UnsafeMutableRawPointer($0).assumingMemoryBound(to: UInt64.self), vl, nil)
        }
        switch vl {
        case 2: return U256(w0: u[0], w1: u[1], w2: 0, w3: 0)
        case 3: return U256(w0: u[0], w1: u[1], w2: u[2], w3: 0)
        default: return U256(w0: u[0], w1: u[1], w2: u[2], w3: u[3])
        }
    }

    /// base^e mod 2^256 by right-to-left binary exponentiation.
    @inlinable
    public static func exp(_ base: U256, _ e: U256) -> U256 {
        if e.fitsInUInt64 {
            if e.w0 == 0 { return .one }
            if e.w0 == 1 { return base }
        }
        if base.fitsInUInt64 && base.w0 <= 1 { return base }
        // Power-of-two base (2**n, the common Solidity idiom) is a shift.
        if (base & (base &- .one)).isZero {
            let k = UInt64(255 - base.leadingZeroBitCount)
            if !e.fitsInUInt64 || e.w0 >= 256 { return .zero }
            let (shift, ov) = k.multipliedReportingOverflow(by: e.w0)
            return (ov || shift >= 256) ? .zero : U256.one.shiftedLeft(byBits: Int(truncatingIfNeeded: shift))
        }
        var result = U256.one
        var b = base
        let topLimb = e.w3 != 0 ? 3 : e.w2 != 0 ? 2 : e.w1 != 0 ? 1 : 0
        var limbIndex = 0
        while limbIndex <= topLimb {
            var x = limbIndex == 0 ? e.w0 : limbIndex == 1 ? e.w1 : limbIndex == 2 ? e.w2 : e.w3
            let isTop = limbIndex == topLimb
            var bits = isTop ? 64 - x.leadingZeroBitCount : 64
            while bits > 0 {
                if x & 1 != 0 { result = result &* b }
                bits -= 1
                x >>= 1
                // Skip the final squaring: its result would be discarded.
                if bits > 0 || !isTop { b = b &* b }
            }
            limbIndex += 1
        }
        return result
    }
}

extension U256 {
    /// Number of significant 64-bit limbs (0 for zero).
    @inlinable
    var limbCount: Int {
        w3 != 0 ? 4 : w2 != 0 ? 3 : w1 != 0 ? 2 : w0 != 0 ? 1 : 0
    }

    /// k when self is 2^k, else nil (also for zero).
    @inlinable @inline(__always)
    var powerOfTwoExponent: Int? {
        let top: UInt64, below: UInt64, base: Int
        if w3 != 0 { top = w3; below = w0 | w1 | w2; base = 192 }
        else if w2 != 0 { top = w2; below = w0 | w1; base = 128 }
        else if w1 != 0 { top = w1; below = w0; base = 64 }
        else { top = w0; below = 0; base = 0 }
        guard top != 0, below == 0, top & (top &- 1) == 0 else { return nil }
        return base + top.trailingZeroBitCount
    }
}
