// Membership in the r-order subgroups by the endomorphism tests EIP-2537 prescribes
// (assets/eip-2537/fast_subgroup_checks.md; Scott, ePrint 2021/1130 section 4, and ePrint
// 2022/352 section 4.2), for points already on the curve, x the (negative) BLS parameter:
//   G1: φ(P) + x²·P = O with φ(x, y) = (βx, y), β a cube root of unity in Fp;
//   G2: ψ(P) = x·P with ψ(x, y) = (conj(x)·r, conj(y)·s) and the EIP's r, s (the EIP writes
//       ψ(P) + x·P = O; with its constants it is ψ(P) − x·P, checked against py_ecc's G2 generator).
// Each costs two (G1) or one (G2) multiplications by the 64-bit |x| instead of one by the 255-bit r;
// the tests check them against the definition r·P = O.

import FieldTower

public enum SubgroupCheck {
    static let beta = Fp.fromHex("0x5f19672fdf76ce51ba69c6076a0f77eaddb3a93be6f89688de17d813620a00022e01fffffffefffe") ?? .zero
    static let psiX = Fp2(.zero, Fp.fromHex("0x1a0111ea397fe699ec02408663d4de85aa0d857d89759ad4897d29650fb85f9b409427eb4f49fffd8bfd00000000aaad") ?? .zero)
    static let psiY = Fp2(
        Fp.fromHex("0x135203e60180a68ee2e9c448d77a2cd91c3dedd930b1cf60ef396489f61eb45e304466cf3e67fa0af1ee7b04121bdea2") ?? .zero,
        Fp.fromHex("0x06af0e0437ff400b6831e36d6bd17ffe48395dabc2d3435e77f76e17009241c5ee67992f72ec05f4c81084fbede3cc09") ?? .zero)

    /// |x|·P by double-and-add over |x| = 0xd201000000010000 (six bits set).
    @inline(__always)
    static func timesXAbs<F: CurveField>(_ p: JacobianPoint<F>) -> JacobianPoint<F> {
        var acc = p
        var bit = 62
        while bit >= 0 {
            acc = acc.doubled()
            if (Pairing.xAbs >> UInt64(bit)) & 1 == 1 { acc = acc + p }
            bit -= 1
        }
        return acc
    }

    /// P (on E1) is in G1.
    public static func isInG1(_ p: G1Affine) -> Bool {
        if p.infinity { return true }
        let x2p = timesXAbs(timesXAbs(p.jacobian))   // x² = |x|²
        return x2p.adding(G1Affine(x: beta * p.x, y: p.y)).isInfinity
    }

    /// P (on E2) is in G2.
    public static func isInG2(_ p: G2Affine) -> Bool {
        if p.infinity { return true }
        // ψ(P) = x·P = −|x|·P, as x < 0.
        let psi = G2Affine(x: p.x.conjugate() * psiX, y: p.y.conjugate() * psiY)
        return timesXAbs(p.jacobian).adding(psi).isInfinity
    }
}
