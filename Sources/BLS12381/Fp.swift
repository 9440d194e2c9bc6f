// Base field of BLS12-381: integers modulo
//   p = 0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab
// (modulus from the IETF draft-irtf-cfrg-pairing-friendly-curves, section 4.2.1; also the
// ZCash/zkcrypto bls12_381 documentation). Elements are kept in Montgomery form a·R mod p with
// R = 2^384, as six little-endian 64-bit limbs, always fully reduced (< p), so limb equality is
// field equality. The derived constants (R mod p, R² mod p, −p⁻¹ mod 2^64, the exponents) were
// computed from p with Python big integers.

import FieldTower
import Primitives

@frozen
public struct Fp: Equatable, Sendable {
    public var l0: UInt64
    public var l1: UInt64
    public var l2: UInt64
    public var l3: UInt64
    public var l4: UInt64
    public var l5: UInt64

    @inline(__always)
    init(_ l0: UInt64, _ l1: UInt64, _ l2: UInt64, _ l3: UInt64, _ l4: UInt64, _ l5: UInt64) {
        self.l0 = l0; self.l1 = l1; self.l2 = l2; self.l3 = l3; self.l4 = l4; self.l5 = l5
    }

    // Modulus limbs.
    @usableFromInline static let P0: UInt64 = 0xb9fe_ffff_ffff_aaab
    @usableFromInline static let P1: UInt64 = 0x1eab_fffe_b153_ffff
    @usableFromInline static let P2: UInt64 = 0x6730_d2a0_f6b0_f624
    @usableFromInline static let P3: UInt64 = 0x6477_4b84_f385_12bf
    @usableFromInline static let P4: UInt64 = 0x4b1b_a7b6_434b_acd7
    @usableFromInline static let P5: UInt64 = 0x1a01_11ea_397f_e69a
    /// −p⁻¹ mod 2^64.
    @usableFromInline static let INV: UInt64 = 0x89f3_fffc_fffc_fffd

    public static let zero = Fp(0, 0, 0, 0, 0, 0)
    /// R mod p (Montgomery form of 1).
    public static let one = Fp(0x7609_0000_0002_fffd, 0xebf4_000b_c40c_0002, 0x5f48_9857_53c7_58ba,
                               0x77ce_5853_7052_5745, 0x5c07_1a97_a256_ec6d, 0x15f6_5ec3_fa80_e493)
    /// R² mod p, used to enter Montgomery form.
    static let r2 = Fp(0xf4df_1f34_1c34_1746, 0x0a76_e6a6_09d1_04f1, 0x8de5_476c_4c95_b6d5,
                       0x67eb_88a9_939d_83c0, 0x9a79_3e85_b519_952d, 0x1198_8fe5_92ca_e3aa)

    // Exponents (little-endian limbs).
    static let expPMinus2: [UInt64] = [0xb9fe_ffff_ffff_aaa9, 0x1eab_fffe_b153_ffff, 0x6730_d2a0_f6b0_f624,
                                       0x6477_4b84_f385_12bf, 0x4b1b_a7b6_434b_acd7, 0x1a01_11ea_397f_e69a]
    static let expPPlus1Div4: [UInt64] = [0xee7f_bfff_ffff_eaab, 0x07aa_ffff_ac54_ffff, 0xd9cc_34a8_3dac_3d89,
                                          0xd91d_d2e1_3ce1_44af, 0x92c6_e9ed_90d2_eb35, 0x0680_447a_8e5f_f9a6]
    static let expPMinus3Div4: [UInt64] = [0xee7f_bfff_ffff_eaaa, 0x07aa_ffff_ac54_ffff, 0xd9cc_34a8_3dac_3d89,
                                           0xd91d_d2e1_3ce1_44af, 0x92c6_e9ed_90d2_eb35, 0x0680_447a_8e5f_f9a6]
    static let expPMinus1Div2: [UInt64] = [0xdcff_7fff_ffff_d555, 0x0f55_ffff_58a9_ffff, 0xb398_6950_7b58_7b12,
                                           0xb23b_a5c2_79c2_895f, 0x258d_d3db_21a5_d66b, 0x0d00_88f5_1cbf_f34d]
    static let expPMinus1Div6: [UInt64] = [0x49aa_7fff_ffff_f1c7, 0x051c_aaaa_72e3_5555, 0xe688_231a_d3c8_2906,
                                           0xe613_e1eb_7deb_831f, 0x0c84_9bf3_b5e1_f223, 0x0455_82fc_5eea_a66f]

    // MARK: - Limb helpers

    /// a + b·c + carry as (high, low); cannot overflow 128 bits.
    @inline(__always)
    static func mac(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ carry: UInt64) -> (UInt64, UInt64) {
        let (hi, lo) = b.multipliedFullWidth(by: c)
        let (s1, o1) = lo.addingReportingOverflow(a)
        let (s2, o2) = s1.addingReportingOverflow(carry)
        return (hi &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0), s2)
    }

    /// a + b + carry as (carryOut, sum).
    @inline(__always)
    static func adc(_ a: UInt64, _ b: UInt64, _ carry: UInt64) -> (UInt64, UInt64) {
        let (s1, o1) = a.addingReportingOverflow(b)
        let (s2, o2) = s1.addingReportingOverflow(carry)
        return ((o1 ? 1 : 0) &+ (o2 ? 1 : 0), s2)
    }

    /// a − b − borrow as (borrowOut ∈ {0,1}, difference).
    @inline(__always)
    static func sbb(_ a: UInt64, _ b: UInt64, _ borrow: UInt64) -> (UInt64, UInt64) {
        let (d1, o1) = a.subtractingReportingOverflow(b)
        let (d2, o2) = d1.subtractingReportingOverflow(borrow)
        return ((o1 ? 1 : 0) | (o2 ? 1 : 0), d2)
    }

    /// Returns self − p if self ≥ p, else self. Input must be < 2p.
    @inline(__always)
    func reducedOnce() -> Fp {
        var b: UInt64 = 0
        var d0: UInt64, d1: UInt64, d2: UInt64, d3: UInt64, d4: UInt64, d5: UInt64
        (b, d0) = Fp.sbb(l0, Fp.P0, b)
        (b, d1) = Fp.sbb(l1, Fp.P1, b)
        (b, d2) = Fp.sbb(l2, Fp.P2, b)
        (b, d3) = Fp.sbb(l3, Fp.P3, b)
        (b, d4) = Fp.sbb(l4, Fp.P4, b)
        (b, d5) = Fp.sbb(l5, Fp.P5, b)
        return b == 0 ? Fp(d0, d1, d2, d3, d4, d5) : self
    }

    // MARK: - Arithmetic

    @inline(__always)
    public static func + (a: Fp, b: Fp) -> Fp {
        // p < 2^381, so a + b < 2^382 never carries out of the top limb.
        var c: UInt64 = 0
        var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64, s4: UInt64, s5: UInt64
        (c, s0) = adc(a.l0, b.l0, c)
        (c, s1) = adc(a.l1, b.l1, c)
        (c, s2) = adc(a.l2, b.l2, c)
        (c, s3) = adc(a.l3, b.l3, c)
        (c, s4) = adc(a.l4, b.l4, c)
        (_, s5) = adc(a.l5, b.l5, c)
        return Fp(s0, s1, s2, s3, s4, s5).reducedOnce()
    }

    @inline(__always)
    public static func - (a: Fp, b: Fp) -> Fp {
        var br: UInt64 = 0
        var d0: UInt64, d1: UInt64, d2: UInt64, d3: UInt64, d4: UInt64, d5: UInt64
        (br, d0) = sbb(a.l0, b.l0, br)
        (br, d1) = sbb(a.l1, b.l1, br)
        (br, d2) = sbb(a.l2, b.l2, br)
        (br, d3) = sbb(a.l3, b.l3, br)
        (br, d4) = sbb(a.l4, b.l4, br)
        (br, d5) = sbb(a.l5, b.l5, br)
        if br == 0 { return Fp(d0, d1, d2, d3, d4, d5) }
        // Wrapped below zero: add p back (the final carry cancels the borrow).
        var c: UInt64 = 0
        (c, d0) = adc(d0, P0, c)
        (c, d1) = adc(d1, P1, c)
        (c, d2) = adc(d2, P2, c)
        (c, d3) = adc(d3, P3, c)
        (c, d4) = adc(d4, P4, c)
        (_, d5) = adc(d5, P5, c)
        return Fp(d0, d1, d2, d3, d4, d5)
    }

    @inline(__always)
    public static prefix func - (a: Fp) -> Fp {
        return Fp.zero - a
    }

    @inline(__always)
    public static func += (a: inout Fp, b: Fp) { a = a + b }
    @inline(__always)
    public static func -= (a: inout Fp, b: Fp) { a = a - b }
    @inline(__always)
    public static func *= (a: inout Fp, b: Fp) { a = a * b }

    @inline(__always)
    public func doubled() -> Fp { return self + self }

    /// One row of the CIOS Montgomery product (the "no-carry" variant, valid because the top limb
    /// of p is below (2^64 − 1)/2 − 1): t ← (t + a·bi + m·p) / 2^64.
    @inline(__always)
    static func montRow(_ t0: inout UInt64, _ t1: inout UInt64, _ t2: inout UInt64,
                        _ t3: inout UInt64, _ t4: inout UInt64, _ t5: inout UInt64,
                        _ a: Fp, _ bi: UInt64) {
        var A: UInt64, C: UInt64
        (A, t0) = mac(t0, a.l0, bi, 0)
        let m = t0 &* INV
        (C, _) = mac(t0, m, P0, 0)
        (A, t1) = mac(t1, a.l1, bi, A)
        (C, t0) = mac(t1, m, P1, C)
        (A, t2) = mac(t2, a.l2, bi, A)
        (C, t1) = mac(t2, m, P2, C)
        (A, t3) = mac(t3, a.l3, bi, A)
        (C, t2) = mac(t3, m, P3, C)
        (A, t4) = mac(t4, a.l4, bi, A)
        (C, t3) = mac(t4, m, P4, C)
        (A, t5) = mac(t5, a.l5, bi, A)
        (C, t4) = mac(t5, m, P5, C)
        t5 = C &+ A
    }

    @inline(__always)
    public static func * (a: Fp, b: Fp) -> Fp {
        var t0: UInt64 = 0, t1: UInt64 = 0, t2: UInt64 = 0, t3: UInt64 = 0, t4: UInt64 = 0, t5: UInt64 = 0
        montRow(&t0, &t1, &t2, &t3, &t4, &t5, a, b.l0)
        montRow(&t0, &t1, &t2, &t3, &t4, &t5, a, b.l1)
        montRow(&t0, &t1, &t2, &t3, &t4, &t5, a, b.l2)
        montRow(&t0, &t1, &t2, &t3, &t4, &t5, a, b.l3)
        montRow(&t0, &t1, &t2, &t3, &t4, &t5, a, b.l4)
        montRow(&t0, &t1, &t2, &t3, &t4, &t5, a, b.l5)
        return Fp(t0, t1, t2, t3, t4, t5).reducedOnce()
    }

    @inline(__always)
    public func squared() -> Fp { return self * self }

    public var isZero: Bool {
        return (l0 | l1 | l2 | l3 | l4 | l5) == 0
    }

    /// Multiplicative inverse; the inverse of zero is zero. Binary extended Euclid (FpInverse.swift).
    public func inverse() -> Fp {
        return inverseBinary()
    }

    /// The inverse by Fermat (a^(p−2)): the definition the faster inverse is tested against.
    public func inverseFermat() -> Fp {
        return pow(Fp.expPMinus2)
    }

    /// A square root if one exists (p ≡ 3 mod 4, so a^((p+1)/4) is a root when a is a square).
    public func sqrt() -> Fp? {
        let s = pow(Fp.expPPlus1Div4)
        return s.squared() == self ? s : nil
    }

    // MARK: - Conversions

    /// Montgomery form of a small integer.
    public init(_ v: UInt64) {
        self = Fp(v, 0, 0, 0, 0, 0) * Fp.r2
    }

    /// Leaves Montgomery form: the canonical integer as limbs.
    func canonicalLimbs() -> Fp {
        return self * Fp(1, 0, 0, 0, 0, 0)
    }

    /// Parses a 48-byte big-endian integer; nil if it is not below p or the length is wrong.
    public static func fromBigEndian<C: Collection>(_ bytes: C) -> Fp? where C.Element == UInt8 {
        guard bytes.count == 48 else { return nil }
        var w: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)
        var idx = 0
        for byte in bytes {
            // Byte idx (0 = most significant) belongs to limb 5 − idx/8.
            let v = UInt64(byte)
            switch idx / 8 {
            case 0: w.5 = (w.5 << 8) | v
            case 1: w.4 = (w.4 << 8) | v
            case 2: w.3 = (w.3 << 8) | v
            case 3: w.2 = (w.2 << 8) | v
            case 4: w.1 = (w.1 << 8) | v
            default: w.0 = (w.0 << 8) | v
            }
            idx += 1
        }
        // raw < p  ⇔  raw − p borrows.
        var b: UInt64 = 0
        (b, _) = sbb(w.0, P0, b)
        (b, _) = sbb(w.1, P1, b)
        (b, _) = sbb(w.2, P2, b)
        (b, _) = sbb(w.3, P3, b)
        (b, _) = sbb(w.4, P4, b)
        (b, _) = sbb(w.5, P5, b)
        guard b == 1 else { return nil }
        return Fp(w.0, w.1, w.2, w.3, w.4, w.5) * Fp.r2
    }

    /// Parses hex (Primitives' strict codec: optional 0x, an even number of digits, at most 48
    /// bytes); nil if malformed or not below p.
    public static func fromHex(_ hex: String) -> Fp? {
        guard let bytes = Hex.decode(hex), bytes.count <= 48 else { return nil }
        return fromBigEndian([UInt8](repeating: 0, count: 48 - bytes.count) + bytes)
    }

    /// 48-byte big-endian canonical encoding.
    public func bigEndianBytes() -> [UInt8] {
        let c = canonicalLimbs()
        var out = [UInt8]()
        out.reserveCapacity(48)
        for limb in [c.l5, c.l4, c.l3, c.l2, c.l1, c.l0] {
            for shift in stride(from: 56, through: 0, by: -8) {
                out.append(UInt8(truncatingIfNeeded: limb >> UInt64(shift)))
            }
        }
        return out
    }

    /// True iff the canonical value is greater than (p−1)/2 (the ZCash "lexicographically largest").
    public var isLexicographicallyLargest: Bool {
        let c = canonicalLimbs()
        // c > (p−1)/2  ⇔  (p−1)/2 − c borrows.
        var b: UInt64 = 0
        (b, _) = Fp.sbb(0xdcff_7fff_ffff_d555, c.l0, b)
        (b, _) = Fp.sbb(0x0f55_ffff_58a9_ffff, c.l1, b)
        (b, _) = Fp.sbb(0xb398_6950_7b58_7b12, c.l2, b)
        (b, _) = Fp.sbb(0xb23b_a5c2_79c2_895f, c.l3, b)
        (b, _) = Fp.sbb(0x258d_d3db_21a5_d66b, c.l4, b)
        (b, _) = Fp.sbb(0x0d00_88f5_1cbf_f34d, c.l5, b)
        return b == 1
    }
}
