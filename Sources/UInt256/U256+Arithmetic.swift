// Ring arithmetic modulo 2^256 and bitwise operations: straight-line limb code,
// carries propagated with the overflow-reporting primitives (no traps).

extension U256 {
    @inlinable @inline(__always)
    public func addingReportingOverflow(_ b: U256) -> (partialValue: U256, overflow: Bool) {
        let (s0, c0) = w0.addingReportingOverflow(b.w0)
        let (t1, c1) = w1.addingReportingOverflow(b.w1)
        let (s1, d1) = t1.addingReportingOverflow(c0 ? 1 : 0)
        let (t2, c2) = w2.addingReportingOverflow(b.w2)
        let (s2, d2) = t2.addingReportingOverflow((c1 || d1) ? 1 : 0)
        let (t3, c3) = w3.addingReportingOverflow(b.w3)
        let (s3, d3) = t3.addingReportingOverflow((c2 || d2) ? 1 : 0)
        return (U256(w0: s0, w1: s1, w2: s2, w3: s3), c3 || d3)
    }

    @inlinable @inline(__always)
    public func subtractingReportingOverflow(_ b: U256) -> (partialValue: U256, overflow: Bool) {
        let (s0, c0) = w0.subtractingReportingOverflow(b.w0)
        let (t1, c1) = w1.subtractingReportingOverflow(b.w1)
        let (s1, d1) = t1.subtractingReportingOverflow(c0 ? 1 : 0)
        let (t2, c2) = w2.subtractingReportingOverflow(b.w2)
        let (s2, d2) = t2.subtractingReportingOverflow((c1 || d1) ? 1 : 0)
        let (t3, c3) = w3.subtractingReportingOverflow(b.w3)
        let (s3, d3) = t3.subtractingReportingOverflow((c2 || d2) ? 1 : 0)
        return (U256(w0: s0, w1: s1, w2: s2, w3: s3), c3 || d3)
    }

    @inlinable @inline(__always)
    public static func &+ (a: U256, b: U256) -> U256 {
        a.addingReportingOverflow(b).partialValue
    }

    @inlinable @inline(__always)
    public static func &- (a: U256, b: U256) -> U256 {
        a.subtractingReportingOverflow(b).partialValue
    }

    @inlinable @inline(__always)
    public static func &+= (a: inout U256, b: U256) { a = a &+ b }

    @inlinable @inline(__always)
    public static func &-= (a: inout U256, b: U256) { a = a &- b }

    @inlinable @inline(__always)
    public static func &*= (a: inout U256, b: U256) { a = a &* b }

    /// Two's complement negation (0 - self).
    @inlinable
    public var negated: U256 {
        @inline(__always) get { U256.zero &- self }
    }

    /// Low 256 bits of the product: only the partial products below limb 4 matter,
    /// so the top row contributes plain wrapping multiplies (10 multiplies instead of 16).
    @inlinable @inline(__always)
    public static func &* (a: U256, b: U256) -> U256 {
        // row 0
        var (c, r0) = a.w0.multipliedFullWidth(by: b.w0)
        var r1: UInt64, r2: UInt64, r3: UInt64
        (c, r1) = mulAdd(a.w0, b.w1, c)
        (c, r2) = mulAdd(a.w0, b.w2, c)
        r3 = a.w0 &* b.w3 &+ c
        // row 1
        (c, r1) = mulAdd(a.w1, b.w0, r1)
        (c, r2) = mulAdd2(a.w1, b.w1, r2, c)
        r3 = r3 &+ a.w1 &* b.w2 &+ c
        // row 2
        (c, r2) = mulAdd(a.w2, b.w0, r2)
        r3 = r3 &+ a.w2 &* b.w1 &+ c
        // row 3
        r3 = r3 &+ a.w3 &* b.w0
        return U256(w0: r0, w1: r1, w2: r2, w3: r3)
    }

    /// x*y + a as (high, low); cannot overflow 128 bits.
    @inlinable @inline(__always)
    static func mulAdd(_ x: UInt64, _ y: UInt64, _ a: UInt64) -> (UInt64, UInt64) {
        let (h, l) = x.multipliedFullWidth(by: y)
        let (l2, c) = l.addingReportingOverflow(a)
        return (h &+ (c ? 1 : 0), l2)
    }

    /// x*y + a + b as (high, low); (2^64-1)^2 + 2(2^64-1) = 2^128-1, so it cannot overflow.
    @inlinable @inline(__always)
    static func mulAdd2(_ x: UInt64, _ y: UInt64, _ a: UInt64, _ b: UInt64) -> (UInt64, UInt64) {
        let (h, l) = x.multipliedFullWidth(by: y)
        let (l2, c1) = l.addingReportingOverflow(a)
        let (l3, c2) = l2.addingReportingOverflow(b)
        return (h &+ (c1 ? 1 : 0) &+ (c2 ? 1 : 0), l3)
    }

    @inlinable @inline(__always)
    public static prefix func ~ (a: U256) -> U256 {
        U256(w0: ~a.w0, w1: ~a.w1, w2: ~a.w2, w3: ~a.w3)
    }

    @inlinable @inline(__always)
    public static func & (a: U256, b: U256) -> U256 {
        U256(w0: a.w0 & b.w0, w1: a.w1 & b.w1, w2: a.w2 & b.w2, w3: a.w3 & b.w3)
    }

    @inlinable @inline(__always)
    public static func | (a: U256, b: U256) -> U256 {
        U256(w0: a.w0 | b.w0, w1: a.w1 | b.w1, w2: a.w2 | b.w2, w3: a.w3 | b.w3)
    }

    @inlinable @inline(__always)
    public static func ^ (a: U256, b: U256) -> U256 {
        U256(w0: a.w0 ^ b.w0, w1: a.w1 ^ b.w1, w2: a.w2 ^ b.w2, w3: a.w3 ^ b.w3)
    }

    /// self * m as a 320-bit value: (low 256 bits, high limb).
    @inlinable @inline(__always)
    public func multipliedFullWidth(by m: UInt64) -> (low: U256, high: UInt64) {
        var (c, r0) = w0.multipliedFullWidth(by: m)
        var r1: UInt64, r2: UInt64, r3: UInt64
        (c, r1) = U256.mulAdd(w1, m, c)
        (c, r2) = U256.mulAdd(w2, m, c)
        (c, r3) = U256.mulAdd(w3, m, c)
        return (U256(w0: r0, w1: r1, w2: r2, w3: r3), c)
    }

    /// Full 512-bit product as eight little-endian limbs (MULMOD's intermediate).
    /// Rows accumulate in UInt128 so each carry chain compiles to ADD/ADC pairs; valgrind
    /// instructions per bn254 MULMOD 685 -> 545 with the 128-bit step below (issue 14).
    @inlinable
    public static func multipliedFullWidth(_ a: U256, _ b: U256) -> Wide512 {
        var r = Wide512()
        @inline(__always)
        func row(_ x: UInt64, _ r0: UInt64, _ r1: UInt64, _ r2: UInt64, _ r3: UInt64)
            -> (UInt64, UInt64, UInt64, UInt64, UInt64) {
            let x = UInt128(x)
            // x·b_i + r_i + carry < 2^128: (2^64-1)^2 + 2(2^64-1) = 2^128-1.
            var t = x &* UInt128(b.w0) &+ UInt128(r0)
            let s0 = UInt64(truncatingIfNeeded: t)
            t = x &* UInt128(b.w1) &+ UInt128(r1) &+ (t &>> 64)
            let s1 = UInt64(truncatingIfNeeded: t)
            t = x &* UInt128(b.w2) &+ UInt128(r2) &+ (t &>> 64)
            let s2 = UInt64(truncatingIfNeeded: t)
            t = x &* UInt128(b.w3) &+ UInt128(r3) &+ (t &>> 64)
            return (s0, s1, s2, UInt64(truncatingIfNeeded: t), UInt64(truncatingIfNeeded: t &>> 64))
        }
        var t = row(a.w0, 0, 0, 0, 0)
        r.l0 = t.0
        t = row(a.w1, t.1, t.2, t.3, t.4)
        r.l1 = t.0
        t = row(a.w2, t.1, t.2, t.3, t.4)
        r.l2 = t.0
        t = row(a.w3, t.1, t.2, t.3, t.4)
        r.l3 = t.0
        r.l4 = t.1
        r.l5 = t.2
        r.l6 = t.3
        r.l7 = t.4
        return r
    }
}

/// A 512-bit unsigned value as eight little-endian limbs; the MULMOD intermediate.
@frozen
public struct Wide512: Sendable, Equatable {
    public var l0: UInt64 = 0, l1: UInt64 = 0, l2: UInt64 = 0, l3: UInt64 = 0
    public var l4: UInt64 = 0, l5: UInt64 = 0, l6: UInt64 = 0, l7: UInt64 = 0
    @inlinable public init() {}

    @inlinable public var low: U256 { U256(w0: l0, w1: l1, w2: l2, w3: l3) }
    @inlinable public var high: U256 { U256(w0: l4, w1: l5, w2: l6, w3: l7) }
}
