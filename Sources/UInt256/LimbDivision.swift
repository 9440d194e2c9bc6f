// Multi-limb long division on raw little-endian 64-bit limb buffers, shared by DIV/MOD
// (256-by-256), ADDMOD (320-by-256) and MULMOD (512-by-256). Callers keep all buffers on the stack.
//
// Schoolbook division (Knuth, TAOCP vol. 2, 4.3.1) with each quotient limb estimated by a
// 3-by-2 division using a precomputed reciprocal (Möller & Granlund, "Improved division by
// invariant integers", IEEE TC 2011, algorithms 5 and 6). The estimate is exact for a
// two-limb divisor and at most one too large otherwise, so there is no correction loop, and
// only one hardware division per call (for the reciprocal), none per quotient limb.
// Single-limb divisors use the hardware divider directly (see divide1).

@usableFromInline
enum LimbDivision {
    @usableFromInline typealias Ptr = UnsafeMutablePointer<UInt64>

    /// floor((2^128 - 1) / d) - 2^64 for d with its top bit set: one hardware 128-by-64 division.
    /// (M&G algorithm 2 computes it with Newton steps and no division instead; on this Zen 5 that
    /// measured slower — DIV 256/64 20.8 vs 16.0 ns, MULMOD bn254 65 vs 61 ns, EVMBench arith.)
    @inlinable @inline(__always)
    static func reciprocal(_ d: UInt64) -> UInt64 {
        d.dividingFullWidth((~d, ~0)).quotient
    }

    /// Reciprocal for dividing three limbs by the normalised two-limb (d1, d0) (M&G algorithm 6).
    @inlinable @inline(__always)
    static func reciprocal(_ d1: UInt64, _ d0: UInt64) -> UInt64 {
        var v = reciprocal(d1)
        var p = d1 &* v
        var c: Bool
        (p, c) = p.addingReportingOverflow(d0)
        if c {
            v &-= 1
            if p >= d1 { v &-= 1; p &-= d1 }
            p &-= d1
        }
        let (t1, t0) = v.multipliedFullWidth(by: d0)
        (p, c) = p.addingReportingOverflow(t1)
        if c {
            v &-= 1
            if p > d1 || (p == d1 && t0 >= d0) { v &-= 1 }
        }
        return v
    }

    /// (u2:u1:u0) / (d1:d0) for normalised d, (u2:u1) < (d1:d0), v = reciprocal(d1, d0)
    /// (M&G algorithm 5). Returns the exact quotient limb and the two-limb remainder.
    @inlinable @inline(__always)
    static func div3by2(_ u2: UInt64, _ u1: UInt64, _ u0: UInt64,
                        _ d1: UInt64, _ d0: UInt64, _ v: UInt64) -> (q: UInt64, r1: UInt64, r0: UInt64) {
        var (q1, q0) = v.multipliedFullWidth(by: u2)
        var c: Bool
        (q0, c) = q0.addingReportingOverflow(u1)
        q1 = q1 &+ u2 &+ (c ? 1 : 0)
        var r1 = u1 &- q1 &* d1
        let (t1, t0) = d0.multipliedFullWidth(by: q1)
        // (r1, r0) = (r1, u0) - (t1, t0) - (d1, d0)  mod B^2
        var r0: UInt64
        var b: Bool
        (r0, b) = u0.subtractingReportingOverflow(t0)
        r1 = r1 &- t1 &- (b ? 1 : 0)
        (r0, b) = r0.subtractingReportingOverflow(d0)
        r1 = r1 &- d1 &- (b ? 1 : 0)
        q1 &+= 1
        if r1 >= q0 {
            q1 &-= 1
            (r0, c) = r0.addingReportingOverflow(d0)
            r1 = r1 &+ d1 &+ (c ? 1 : 0)
        }
        if r1 > d1 || (r1 == d1 && r0 >= d0) {
            q1 &+= 1
            (r0, b) = r0.subtractingReportingOverflow(d0)
            r1 = r1 &- d1 &- (b ? 1 : 0)
        }
        return (q1, r1, r0)
    }

    /// Divides the `ul`-limb dividend `u` by the `vl`-limb divisor `v`
    /// (requires vl >= 2, v[vl-1] != 0, ul >= vl; u must have room for ul+1 limbs).
    /// On return q[0...ul-vl] is the quotient (if q is non-nil) and u[0..<vl] the remainder.
    /// `v` is normalised in place (shifted left), i.e. clobbered.
    @usableFromInline
    static func divide(_ u: Ptr, _ ul: Int, _ v: Ptr, _ vl: Int, _ q: Ptr?) {
        // One copy per divisor length, so the inner loops over the divisor unroll completely.
        switch vl {
        case 2: divideBody(u, ul, v, 2, q)
        case 3: divideBody(u, ul, v, 3, q)
        default: divideBody(u, ul, v, 4, q)
        }
    }

    @inline(__always)
    static func divideBody(_ u: Ptr, _ ul: Int, _ v: Ptr, _ vl: Int, _ q: Ptr?) {
        // Normalise so the divisor's top bit is set, as the reciprocal algorithms require.
        let s = v[vl - 1].leadingZeroBitCount
        if s != 0 {
            let r = 64 - s
            var i = vl - 1
            while i > 0 { v[i] = (v[i] &<< s) | (v[i - 1] &>> r); i -= 1 }
            v[0] = v[0] &<< s
            u[ul] = u[ul - 1] &>> r
            i = ul - 1
            while i > 0 { u[i] = (u[i] &<< s) | (u[i - 1] &>> r); i -= 1 }
            u[0] = u[0] &<< s
        } else {
            u[ul] = 0
        }
        let d1 = v[vl - 1]
        let d0 = v[vl - 2]
        let rec = reciprocal(d1, d0)
        var j = ul - vl
        while j >= 0 {
            // Invariant: the window's top two limbs are below (d1, d0), except equal in the
            // rare case below, because the previous remainder was below v.
            let n2 = u[j + vl], n1 = u[j + vl - 1], n0 = u[j + vl - 2]
            var qhat: UInt64
            if n2 == d1 && n1 == d0 {
                // 3-by-2 needs (n2:n1) < (d1:d0); here the true quotient limb is B-1.
                qhat = .max
                if subtractMultiple(u + j, v, vl, qhat) {
                    qhat &-= 1
                    addBack(u + j, v, vl)
                }
            } else {
                var (qt, r1, r0) = div3by2(n2, n1, n0, d1, d0, rec)
                // The top three limbs are settled; subtract qt times the divisor's low vl-2
                // limbs from the rest and let the borrow run into (r1, r0).
                var k: UInt64 = 0
                var i = 0
                while i < vl - 2 {
                    let (ph, pl) = qt.multipliedFullWidth(by: v[i])
                    let (sub, c1) = pl.addingReportingOverflow(k)
                    let (t, b) = u[j + i].subtractingReportingOverflow(sub)
                    u[j + i] = t
                    k = ph &+ (c1 ? 1 : 0) &+ (b ? 1 : 0)
                    i += 1
                }
                var b0: Bool, b1: Bool
                (r0, b0) = r0.subtractingReportingOverflow(k)
                (r1, b1) = r1.subtractingReportingOverflow(b0 ? 1 : 0)
                if b1 {
                    // Estimate one too large (probability ~1/B): add the divisor back once.
                    qt &-= 1
                    var c: UInt64 = 0
                    i = 0
                    while i < vl - 2 {
                        let (s1, c1) = u[j + i].addingReportingOverflow(v[i])
                        let (s2, c2) = s1.addingReportingOverflow(c)
                        u[j + i] = s2
                        c = (c1 || c2) ? 1 : 0
                        i += 1
                    }
                    var c0: Bool
                    (r0, c0) = r0.addingReportingOverflow(d0)
                    let (r0c, cc) = r0.addingReportingOverflow(c)
                    r0 = r0c
                    r1 = r1 &+ d1 &+ ((c0 || cc) ? 1 : 0)
                }
                u[j + vl - 2] = r0
                u[j + vl - 1] = r1
                u[j + vl] = 0
                qhat = qt
            }
            if let q { q[j] = qhat }
            j -= 1
        }
        if s != 0 {
            let r = 64 - s
            var i = 0
            while i < vl - 1 { u[i] = (u[i] &>> s) | (u[i + 1] &<< r); i += 1 }
            u[vl - 1] = u[vl - 1] &>> s
        }
    }

    /// u[0...vl] -= m * v[0..<vl]; returns true if the result went negative.
    @usableFromInline
    static func subtractMultiple(_ u: Ptr, _ v: Ptr, _ vl: Int, _ m: UInt64) -> Bool {
        var k: UInt64 = 0
        var i = 0
        while i < vl {
            let (ph, pl) = m.multipliedFullWidth(by: v[i])
            let (sub, c1) = pl.addingReportingOverflow(k)
            let (t, b) = u[i].subtractingReportingOverflow(sub)
            u[i] = t
            // ph <= B-2, and ph == B-2 forces sub == 0 with no borrow: no overflow.
            k = ph &+ (c1 ? 1 : 0) &+ (b ? 1 : 0)
            i += 1
        }
        let (top, negative) = u[vl].subtractingReportingOverflow(k)
        u[vl] = top
        return negative
    }

    /// u[0...vl] += v[0..<vl], dropping the final carry (it cancels the earlier borrow).
    @usableFromInline
    static func addBack(_ u: Ptr, _ v: Ptr, _ vl: Int) {
        var c: UInt64 = 0
        var i = 0
        while i < vl {
            let (s1, c1) = u[i].addingReportingOverflow(v[i])
            let (s2, c2) = s1.addingReportingOverflow(c)
            u[i] = s2
            c = (c1 || c2) ? 1 : 0
            i += 1
        }
        u[vl] = u[vl] &+ c
    }

    /// Divides the `ul`-limb `u` by the single limb `d` (d != 0), quotient in place; returns the remainder.
    /// Hardware 128-by-64 divisions, no normalisation: on this Zen 5 the divider beat the
    /// reciprocal chain (MOD 256 % 64: 15.7 vs 19.9 ns, EVMBench arith).
    @inlinable
    static func divide1(_ u: Ptr, _ ul: Int, _ d: UInt64) -> UInt64 {
        var r: UInt64 = 0
        var i = ul - 1
        while i >= 0 {
            (u[i], r) = d.dividingFullWidth((r, u[i]))
            i -= 1
        }
        return r
    }
}
