// Base field of alt_bn128 (BN254), F_p with
//   p = 21888242871839275222246405745257275088696311157297823662689037898978932... (see limbs)
//     = 0x30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47
// (EIP-196 "field modulus"). Elements are kept in Montgomery form a·R mod p, R = 2^256,
// on four little-endian 64-bit limbs held as stored properties (no heap allocation).
//
// Derived constants (computed with arbitrary-precision arithmetic and re-checked by
// BN254Tests/FieldTests.swift):
//   R mod p    = 0x0e0a77c19a07df2f666ea36f7879462c0a78eb28f5c70b3dd35d438dc58f0d9d
//   R^2 mod p  = 0x06d89f71cab8351f47ab1eff0a417ff6b5e71911d44501fbf32cfc5b538afa89
//   inv        = -p^-1 mod 2^64 = 0x87d20782e4866389

import FieldTower

@usableFromInline let P0: UInt64 = 0x3c20_8c16_d87c_fd47
@usableFromInline let P1: UInt64 = 0x9781_6a91_6871_ca8d
@usableFromInline let P2: UInt64 = 0xb850_45b6_8181_585d
@usableFromInline let P3: UInt64 = 0x3064_4e72_e131_a029
@usableFromInline let PInv: UInt64 = 0x87d2_0782_e486_6389

/// Bool → 0/1 without a branch (keeps the SIL of the field operations branch-free, so the
/// optimizer's inlining budget is not exhausted by diamond control flow).
@inline(__always) @usableFromInline
func bit(_ b: Bool) -> UInt64 { UInt64(unsafeBitCast(b, to: UInt8.self)) }

/// a + b*c + carry; returns the low word and leaves the high word in `carry`.
/// Cannot overflow 128 bits: (2^64-1) + (2^64-1)^2 + (2^64-1) = 2^128 - 1.
@inline(__always) @usableFromInline
func mac(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ carry: inout UInt64) -> UInt64 {
    let (hi, lo) = b.multipliedFullWidth(by: c)
    let (s1, o1) = lo.addingReportingOverflow(a)
    let (s2, o2) = s1.addingReportingOverflow(carry)
    carry = hi &+ bit(o1) &+ bit(o2)
    return s2
}

@inline(__always) @usableFromInline
func adc(_ a: UInt64, _ b: UInt64, _ carry: inout UInt64) -> UInt64 {
    let (s1, o1) = a.addingReportingOverflow(b)
    let (s2, o2) = s1.addingReportingOverflow(carry)
    carry = bit(o1) &+ bit(o2)
    return s2
}

@inline(__always) @usableFromInline
func sbb(_ a: UInt64, _ b: UInt64, _ borrow: inout UInt64) -> UInt64 {
    let (d1, o1) = a.subtractingReportingOverflow(b)
    let (d2, o2) = d1.subtractingReportingOverflow(borrow)
    borrow = bit(o1) &+ bit(o2)
    return d2
}

@frozen
public struct Fp: Equatable, Sendable {
    // Montgomery representation, little-endian limbs, always fully reduced (< p).
    public var l0: UInt64
    public var l1: UInt64
    public var l2: UInt64
    public var l3: UInt64

    @inline(__always)
    init(rawLimbs l0: UInt64, _ l1: UInt64, _ l2: UInt64, _ l3: UInt64) {
        self.l0 = l0; self.l1 = l1; self.l2 = l2; self.l3 = l3
    }

    public static let zero = Fp(rawLimbs: 0, 0, 0, 0)
    /// R mod p (Montgomery form of 1).
    public static let one = Fp(rawLimbs: 0xd35d_438d_c58f_0d9d, 0x0a78_eb28_f5c7_0b3d,
                               0x666e_a36f_7879_462c, 0x0e0a_77c1_9a07_df2f)
    /// p − 2, the Fermat inverse exponent (little-endian limbs).
    static let pMinus2: [UInt64] = [P0 &- 2, P1, P2, P3]
    /// R^2 mod p, used to enter Montgomery form.
    @usableFromInline static let r2 = Fp(rawLimbs: 0xf32c_fc5b_538a_fa89, 0xb5e7_1911_d445_01fb,
                                         0x47ab_1eff_0a41_7ff6, 0x06d8_9f71_cab8_351f)

    /// Creates an element from a canonical integer given as little-endian limbs.
    /// Returns nil when the integer is >= p.
    public init?(canonical l0: UInt64, _ l1: UInt64, _ l2: UInt64, _ l3: UInt64) {
        if !Fp.lessThanP(l0, l1, l2, l3) { return nil }
        self = Fp(rawLimbs: l0, l1, l2, l3) * Fp.r2
    }

    public init(_ v: UInt64) {
        self = Fp(rawLimbs: v, 0, 0, 0) * Fp.r2
    }

    /// Parses 32 big-endian bytes; nil if the value is >= p.
    public init?(bigEndian b: UnsafeRawBufferPointer) {
        guard b.count >= 32 else { return nil }
        func word(_ i: Int) -> UInt64 {
            var w: UInt64 = 0
            for k in 0..<8 { w = (w << 8) | UInt64(b[i + k]) }
            return w
        }
        self.init(canonical: word(24), word(16), word(8), word(0))
    }

    @inline(__always)
    static func lessThanP(_ l0: UInt64, _ l1: UInt64, _ l2: UInt64, _ l3: UInt64) -> Bool {
        var borrow: UInt64 = 0
        _ = sbb(l0, P0, &borrow)
        _ = sbb(l1, P1, &borrow)
        _ = sbb(l2, P2, &borrow)
        _ = sbb(l3, P3, &borrow)
        return borrow != 0
    }

    /// The canonical integer value (out of Montgomery form), little-endian limbs.
    public var canonicalLimbs: (UInt64, UInt64, UInt64, UInt64) {
        let c = self * Fp(rawLimbs: 1, 0, 0, 0)
        return (c.l0, c.l1, c.l2, c.l3)
    }

    /// Writes the canonical value as 32 big-endian bytes.
    public func write(bigEndianTo out: inout [UInt8], at offset: Int) {
        let c = canonicalLimbs
        let ws = [c.3, c.2, c.1, c.0]
        for (i, w) in ws.enumerated() {
            for k in 0..<8 {
                out[offset + i * 8 + k] = UInt8(truncatingIfNeeded: w >> UInt64(56 - 8 * k))
            }
        }
    }

    public var isZero: Bool { (l0 | l1 | l2 | l3) == 0 }

    /// Conditional subtraction of p (branch-free: the outcome is data dependent and would
    /// otherwise be mispredicted about half of the time).
    @inline(__always)
    static func reduceOnce(_ t0: UInt64, _ t1: UInt64, _ t2: UInt64, _ t3: UInt64) -> Fp {
        var borrow: UInt64 = 0
        let s0 = sbb(t0, P0, &borrow)
        let s1 = sbb(t1, P1, &borrow)
        let s2 = sbb(t2, P2, &borrow)
        let s3 = sbb(t3, P3, &borrow)
        let keep = 0 &- borrow  // all ones when t < p
        return Fp(rawLimbs: (t0 & keep) | (s0 & ~keep), (t1 & keep) | (s1 & ~keep),
                  (t2 & keep) | (s2 & ~keep), (t3 & keep) | (s3 & ~keep))
    }

    @inline(__always)
    public static func + (a: Fp, b: Fp) -> Fp {
        // a, b < p < 2^254, so the sum fits in 256 bits.
        var c: UInt64 = 0
        let t0 = adc(a.l0, b.l0, &c)
        let t1 = adc(a.l1, b.l1, &c)
        let t2 = adc(a.l2, b.l2, &c)
        let t3 = adc(a.l3, b.l3, &c)
        return reduceOnce(t0, t1, t2, t3)
    }

    @inline(__always)
    public static func - (a: Fp, b: Fp) -> Fp {
        var borrow: UInt64 = 0
        var t0 = sbb(a.l0, b.l0, &borrow)
        var t1 = sbb(a.l1, b.l1, &borrow)
        var t2 = sbb(a.l2, b.l2, &borrow)
        var t3 = sbb(a.l3, b.l3, &borrow)
        let mask = 0 &- borrow  // all ones when a < b: add p back
        var c: UInt64 = 0
        t0 = adc(t0, P0 & mask, &c)
        t1 = adc(t1, P1 & mask, &c)
        t2 = adc(t2, P2 & mask, &c)
        t3 = adc(t3, P3 & mask, &c)
        return Fp(rawLimbs: t0, t1, t2, t3)
    }

    @inline(__always)
    public static prefix func - (a: Fp) -> Fp {
        if a.isZero { return a }
        var borrow: UInt64 = 0
        let t0 = sbb(P0, a.l0, &borrow)
        let t1 = sbb(P1, a.l1, &borrow)
        let t2 = sbb(P2, a.l2, &borrow)
        let t3 = sbb(P3, a.l3, &borrow)
        return Fp(rawLimbs: t0, t1, t2, t3)
    }

    @inline(__always)
    public func doubled() -> Fp { self + self }

    /// self / 2: add p when odd (p is odd, sum < 2^255), then shift right by one.
    @inline(__always)
    public func halved() -> Fp {
        var t0 = l0, t1 = l1, t2 = l2, t3 = l3
        if t0 & 1 == 1 {
            var c: UInt64 = 0
            t0 = adc(t0, P0, &c)
            t1 = adc(t1, P1, &c)
            t2 = adc(t2, P2, &c)
            t3 = adc(t3, P3, &c)
        }
        return Fp(rawLimbs: (t0 >> 1) | (t1 << 63), (t1 >> 1) | (t2 << 63),
                  (t2 >> 1) | (t3 << 63), t3 >> 1)
    }

    /// One row of CIOS Montgomery multiplication (t = (t + a*b) / 2^64 mod p-ish).
    /// Uses the "no final carry" variant valid because the top limb of p is < 2^63 - 1.
    @inline(__always)
    static func montRow(_ t0: inout UInt64, _ t1: inout UInt64, _ t2: inout UInt64, _ t3: inout UInt64,
                        _ a: Fp, _ b: UInt64) {
        var A: UInt64 = 0
        var C: UInt64 = 0
        let u0 = mac(t0, a.l0, b, &A)
        let m = u0 &* PInv
        _ = mac(u0, m, P0, &C)
        let u1 = mac(t1, a.l1, b, &A)
        t0 = mac(u1, m, P1, &C)
        let u2 = mac(t2, a.l2, b, &A)
        t1 = mac(u2, m, P2, &C)
        let u3 = mac(t3, a.l3, b, &A)
        t2 = mac(u3, m, P3, &C)
        t3 = C &+ A
    }

    @inline(__always)
    public static func * (a: Fp, b: Fp) -> Fp {
        var t0: UInt64 = 0, t1: UInt64 = 0, t2: UInt64 = 0, t3: UInt64 = 0
        montRow(&t0, &t1, &t2, &t3, a, b.l0)
        montRow(&t0, &t1, &t2, &t3, a, b.l1)
        montRow(&t0, &t1, &t2, &t3, a, b.l2)
        montRow(&t0, &t1, &t2, &t3, a, b.l3)
        return reduceOnce(t0, t1, t2, t3)
    }

    @inline(__always)
    public func squared() -> Fp { self * self }

    /// Multiplicative inverse via Fermat (self^(p-2)); zero maps to zero.
    public func inverse() -> Fp {
        pow(Fp.pMinus2)
    }
}
