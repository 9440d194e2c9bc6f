// G2: the order-r subgroup of the sextic D-type twist E'(F_p2): y^2 = x^3 + b',
// b' = 3 / ξ = 3 / (9 + u) (EIP-197). E' is mapped into E(F_p12) by
// ψ(x, y) = (x·w^2, y·w^3) (w^6 = ξ), which is how the Miller loop uses these points.
// E'(F_p2) has a large cofactor, so membership in the order-r subgroup is checked
// explicitly: r·Q == O.
//   generator (EIP-197):
//     x = 0x1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed
//       + 0x198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2·u
//     y = 0x12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa
//       + 0x090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b·u

import FieldTower

public typealias G2Point = JacobianPoint<Fp2>

@frozen
public struct G2Affine: Sendable, Equatable {
    public var x: Fp2
    public var y: Fp2
    public init(x: Fp2, y: Fp2) { self.x = x; self.y = y }
}

/// Group order r = 0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001 (little-endian limbs).
public let groupOrderR: (UInt64, UInt64, UInt64, UInt64) =
    (0x43e1_f593_f000_0001, 0x2833_e848_79b9_7091, 0xb850_45b6_8181_585d, 0x3064_4e72_e131_a029)

public enum G2 {
    /// b' = 3 / (9 + u), derived at first use.
    public static let b: Fp2 = Fp2(Fp(3), .zero) * Fp2(Fp(9), Fp(1)).inverse()

    public static let generator: G2Point = {
        func fp(_ l3: UInt64, _ l2: UInt64, _ l1: UInt64, _ l0: UInt64) -> Fp {
            Fp(canonical: l0, l1, l2, l3) ?? .zero
        }
        let x = Fp2(fp(0x1800_deef_121f_1e76, 0x426a_0066_5e5c_4479, 0x6743_22d4_f75e_dadd, 0x46de_bd5c_d992_f6ed),
                    fp(0x198e_9393_920d_483a, 0x7260_bfb7_31fb_5d25, 0xf1aa_4933_35a9_e712, 0x97e4_85b7_aef3_12c2))
        let y = Fp2(fp(0x12c8_5ea5_db8c_6deb, 0x4aab_7180_8dcb_408f, 0xe3d1_e769_0c43_d37b, 0x4ce6_cc01_66fa_7daa),
                    fp(0x0906_89d0_585f_f075, 0xec9e_99ad_690c_3395, 0xbc4b_3133_70b3_8ef3, 0x55ac_dadc_d122_975b))
        return G2Point(affineX: x, y: y)
    }()

    public static func isOnCurve(x: Fp2, y: Fp2) -> Bool {
        y.squared() == x.squared() * x + b
    }

    /// Subgroup membership by definition: r·Q == O (slow; kept as the reference check).
    public static func isInSubgroupSlow(_ q: G2Point) -> Bool {
        q.multiplied(by: groupOrderR).isInfinity
    }

    /// The untwist-Frobenius-twist endomorphism ψ = φ⁻¹∘π∘φ on E'(F_p2), in Jacobian
    /// coordinates: (x, y) ↦ (x̄·γ_{1,2}, ȳ·γ_{1,3}), so (X, Y, Z) ↦ (X̄·γ_{1,2}, Ȳ·γ_{1,3}, Z̄).
    /// On G2 it acts as multiplication by p.
    public static func psi(_ q: G2Point) -> G2Point {
        let k = frobeniusConstants
        return G2Point(x: q.x.conjugate() * k.g12, y: q.y.conjugate() * k.g13, z: q.z.conjugate())
    }

    /// [x]Q for the BN parameter x (63-bit, positive).
    static func mulByX(_ q: G2Point) -> G2Point {
        var acc = q
        var bit = 63 - bnX.leadingZeroBitCount - 1
        while bit >= 0 {
            acc = acc.doubled()
            if (bnX >> UInt64(bit)) & 1 == 1 { acc = acc + q }
            bit -= 1
        }
        return acc
    }

    /// Subgroup membership for a point already known to be on E'(F_p2), using
    /// M. Scott, "A note on group membership tests for G1, G2 and GT on BLS pairing-friendly
    /// curves" (ePrint 2021/1130), BN case:  Q ∈ G2  ⟺  [x+1]Q + ψ([x]Q) + ψ²([x]Q) == ψ³([2x]Q).
    /// Cross-checked against r·Q == O in BN254Tests (CurveTests.subgroupCheckAgreesWithDefinition).
    public static func isInSubgroup(_ q: G2Point) -> Bool {
        if q.isInfinity { return true }
        let xq = mulByX(q)
        let psiXQ = psi(xq)
        let lhs = xq + q + psiXQ + psi(psiXQ)
        let rhs = psi(psi(psiXQ.doubled()))
        return lhs == rhs
    }

    /// Decodes 128 bytes: x_im ‖ x_re ‖ y_im ‖ y_re (each 32 bytes big-endian).
    /// All-zero encodes the point at infinity. Returns nil for a coordinate >= p, a point not
    /// on the twist, or a point outside the order-r subgroup.
    public static func decode(_ b: UnsafeRawBufferPointer) -> G2Point? {
        guard b.count >= 128,
              let xi = Fp(bigEndian: UnsafeRawBufferPointer(rebasing: b[0..<32])),
              let xr = Fp(bigEndian: UnsafeRawBufferPointer(rebasing: b[32..<64])),
              let yi = Fp(bigEndian: UnsafeRawBufferPointer(rebasing: b[64..<96])),
              let yr = Fp(bigEndian: UnsafeRawBufferPointer(rebasing: b[96..<128])) else { return nil }
        let x = Fp2(xr, xi), y = Fp2(yr, yi)
        if x.isZero && y.isZero { return .infinity }
        guard isOnCurve(x: x, y: y) else { return nil }
        let q = G2Point(affineX: x, y: y)
        guard isInSubgroup(q) else { return nil }
        return q
    }

    /// 128-byte encoding in the same layout as `decode`.
    public static func encode(_ p: G2Point) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 128)
        if let a = p.affineCoordinates() {
            a.x.c1.write(bigEndianTo: &out, at: 0)
            a.x.c0.write(bigEndianTo: &out, at: 32)
            a.y.c1.write(bigEndianTo: &out, at: 64)
            a.y.c0.write(bigEndianTo: &out, at: 96)
        }
        return out
    }
}
