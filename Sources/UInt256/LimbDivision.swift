// Multi-limb long division on raw little-endian 64-bit limb buffers (Knuth, TAOCP vol. 2,
// 4.3.1, algorithm D). Shared by DIV/MOD (256-by-256), ADDMOD (320-by-256) and
// MULMOD (512-by-256). Callers keep all buffers on the stack.

@usableFromInline
enum LimbDivision {
    @usableFromInline typealias Ptr = UnsafeMutablePointer<UInt64>

    /// Divides the `ul`-limb dividend `u` by the `vl`-limb divisor `v`
    /// (requires vl >= 2, v[vl-1] != 0, ul >= vl; u must have room for ul+1 limbs).
    /// On return q[0...ul-vl] is the quotient (if q is non-nil) and u[0..<vl] the remainder.
    /// `v` is normalised in place (shifted left), i.e. clobbered.
    @usableFromInline
    static func divide(_ u: Ptr, _ ul: Int, _ v: Ptr, _ vl: Int, _ q: Ptr?) {
        // Normalise so the divisor's top bit is set: the 2-by-1 quotient estimate is then
        // at most 2 too large (Knuth's theorem B).
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
        let vh = v[vl - 1]
        let vs = v[vl - 2]
        let recip = Reciprocal(vh)
        var j = ul - vl
        while j >= 0 {
            let ujn = u[j + vl]
            let ujn1 = u[j + vl - 1]
            let ujn2 = u[j + vl - 2]
            var qhat: UInt64
            var rhat: UInt64
            var rhatOverflow: Bool
            if ujn >= vh {
                // Invariant u[j+vl] <= vh, so this is equality: the estimate saturates at B-1.
                qhat = .max
                (rhat, rhatOverflow) = ujn1.addingReportingOverflow(vh)
            } else {
                (qhat, rhat) = recip.divide(ujn, ujn1)
                rhatOverflow = false
            }
            // Refine with the second divisor limb; after this qhat is at most 1 too large.
            while !rhatOverflow {
                let (ph, pl) = qhat.multipliedFullWidth(by: vs)
                if ph > rhat || (ph == rhat && pl > ujn2) {
                    qhat &-= 1
                    (rhat, rhatOverflow) = rhat.addingReportingOverflow(vh)
                } else {
                    break
                }
            }
            // u[j...j+vl] -= qhat * v
            var k: UInt64 = 0
            var i = 0
            while i < vl {
                let (ph, pl) = qhat.multipliedFullWidth(by: v[i])
                let (sub, c1) = pl.addingReportingOverflow(k)
                let (t, b) = u[i + j].subtractingReportingOverflow(sub)
                u[i + j] = t
                // ph <= B-2, and ph == B-2 forces sub == 0 with no borrow: no overflow.
                k = ph &+ (c1 ? 1 : 0) &+ (b ? 1 : 0)
                i += 1
            }
            let (top, negative) = ujn.subtractingReportingOverflow(k)
            u[j + vl] = top
            if negative {
                // Rare (probability ~2/B): qhat was one too large; add v back once.
                qhat &-= 1
                var c: UInt64 = 0
                i = 0
                while i < vl {
                    let (s1, c1) = u[i + j].addingReportingOverflow(v[i])
                    let (s2, c2) = s1.addingReportingOverflow(c)
                    u[i + j] = s2
                    c = (c1 || c2) ? 1 : 0
                    i += 1
                }
                u[j + vl] = u[j + vl] &+ c
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

    /// Divides the `ul`-limb `u` by the single limb `d` (d != 0), quotient in place; returns the remainder.
    @usableFromInline
    static func divide1(_ u: Ptr, _ ul: Int, _ d: UInt64) -> UInt64 {
        let s = d.leadingZeroBitCount
        let dn = d &<< s
        let recip = Reciprocal(dn)
        var r: UInt64 = 0
        var i = ul - 1
        if s == 0 {
            while i >= 0 {
                (u[i], r) = recip.divide(r, u[i])
                i -= 1
            }
            return r
        }
        // Shift the dividend on the fly instead of materialising a normalised copy.
        let rs = 64 - s
        var hi = u[ul - 1]
        r = hi &>> rs
        while i >= 0 {
            let lo = i > 0 ? u[i - 1] : 0
            let limb = (hi &<< s) | (lo &>> rs)
            (u[i], r) = recip.divide(r, limb)
            hi = lo
            i -= 1
        }
        return r &>> s
    }
}

/// Division of a two-limb value by a fixed normalised limb using a precomputed reciprocal
/// (Möller & Granlund, "Improved division by invariant integers", 2011, algorithm 4):
/// one hardware division per divisor instead of one per quotient limb.
@usableFromInline
struct Reciprocal {
    @usableFromInline let d: UInt64
    @usableFromInline let v: UInt64

    /// `d` must have its top bit set.
    @inlinable @inline(__always)
    init(_ d: UInt64) {
        self.d = d
        // v = floor((B^2 - 1) / d) - B, i.e. the quotient of (B - 1 - d, B - 1) by d.
        self.v = d.dividingFullWidth((~d, ~0)).quotient
    }

    /// (u1:u0) / d for u1 < d: returns (quotient, remainder).
    @inlinable @inline(__always)
    func divide(_ u1: UInt64, _ u0: UInt64) -> (UInt64, UInt64) {
        var (q1, q0) = v.multipliedFullWidth(by: u1)
        let (s0, c) = q0.addingReportingOverflow(u0)
        q0 = s0
        q1 = q1 &+ u1 &+ 1 &+ (c ? 1 : 0)
        var r = u0 &- q1 &* d
        if r > q0 {
            q1 &-= 1
            r &+= d
        }
        if r >= d {
            q1 &+= 1
            r &-= d
        }
        return (q1, r)
    }
}
