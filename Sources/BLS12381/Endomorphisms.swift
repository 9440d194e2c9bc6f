// Single scalar multiplication in G1 and G2 with the curves' endomorphisms (GLV/GLS): k mod r is
// written in base |x| (x the BLS parameter, |x|⁴ > r), k = d0 + d1|x| + d2|x|² + d3|x|³ with
// 64-bit digits, and for P in the r-order subgroup
//   G2: |x|·P = −ψ(P) (ψ(P) = x·P, see SubgroupCheck), so |x|^i·P = (−ψ)^i(P), all nearly free;
//   G1: |x|²·P = −φ(P) (φ(P) = −x²·P), so the four bases are P, |x|P, −φ(P), −φ(|x|P).
// The four 64-bit products are then one Straus–Shamir pass: 64 doublings and one addition per bit
// from a table of the 15 subset sums, instead of 256 doublings. Only for subgroup points (the MSM
// precompiles check membership first); the tests compare it with double-and-add.

import FieldTower

public enum GLV {
    /// k mod r as four base-|x| digits, least significant first.
    static func baseXDigits(_ k: Scalar) -> [UInt64] {
        var w = [k.w0, k.w1, k.w2, k.w3]
        // k < 2^256 < 3r: at most two subtractions of r.
        while !Scalar(w[0], w[1], w[2], w[3]).isLess(than: .r) {
            var borrow: UInt64 = 0
            for (i, limb) in Scalar.r.limbs.enumerated() { (borrow, w[i]) = Fp.sbb(w[i], limb, borrow) }
        }
        var digits = [UInt64]()
        digits.reserveCapacity(4)
        for _ in 0..<4 {
            var rem: UInt64 = 0
            for i in stride(from: 3, through: 0, by: -1) {
                // rem < |x|, so the quotient fits in 64 bits.
                let (q, r) = Pairing.xAbs.dividingFullWidth((high: rem, low: w[i]))
                w[i] = q
                rem = r
            }
            digits.append(rem)
        }
        return digits
    }

    /// Σ dᵢ·qᵢ for four bases and 64-bit digits (Straus–Shamir, one shared doubling chain).
    static func straus4<F: CurveField>(_ q: [JacobianPoint<F>], _ d: [UInt64]) -> JacobianPoint<F> {
        var table = [JacobianPoint<F>](repeating: .infinity, count: 16)
        for m in 1..<16 { table[m] = table[m & (m - 1)] + q[m.trailingZeroBitCount] }
        let top = 63 - (d[0] | d[1] | d[2] | d[3]).leadingZeroBitCount
        var acc = JacobianPoint<F>.infinity
        var bit = top
        while bit >= 0 {
            acc = acc.doubled()
            let s = UInt64(bit)
            let m = Int((d[0] >> s) & 1) | Int((d[1] >> s) & 1) << 1 | Int((d[2] >> s) & 1) << 2 | Int((d[3] >> s) & 1) << 3
            if m != 0 { acc = acc + table[m] }
            bit -= 1
        }
        return acc
    }

    /// Σ kᵢ·Pᵢ for points of G1 (subgroup-checked): endomorphism products up to 16 points, where
    /// they cost less than Pippenger's buckets by MSM's operation counts (~2,100 field products
    /// each), Pippenger beyond.
    public static func msmG1(_ points: [G1Affine], _ scalars: [Scalar]) -> G1Projective {
        let n = min(points.count, scalars.count)
        if n > 16 { return MSM.multiScalarMultiply(points, scalars) }
        var sum = G1Projective.infinity
        for i in 0..<n { sum = sum + multiplyG1(points[i], scalars[i]) }
        return sum
    }

    /// Σ kᵢ·Pᵢ for points of G2 (subgroup-checked): endomorphism products up to 24 points.
    public static func msmG2(_ points: [G2Affine], _ scalars: [Scalar]) -> G2Projective {
        let n = min(points.count, scalars.count)
        if n > 24 { return MSM.multiScalarMultiply(points, scalars) }
        var sum = G2Projective.infinity
        for i in 0..<n { sum = sum + multiplyG2(points[i], scalars[i]) }
        return sum
    }

    /// k·P for P in G1.
    public static func multiplyG1(_ p: G1Affine, _ k: Scalar) -> G1Projective {
        if p.infinity { return .infinity }
        let p0 = p.jacobian
        let p1 = SubgroupCheck.timesXAbs(p0)
        // −φ(Q) in Jacobian coordinates: (βX, −Y, Z).
        func minusPhi(_ q: G1Projective) -> G1Projective { JacobianPoint(x: SubgroupCheck.beta * q.x, y: -q.y, z: q.z) }
        return straus4([p0, p1, minusPhi(p0), minusPhi(p1)], baseXDigits(k))
    }

    /// k·P for P in G2.
    public static func multiplyG2(_ p: G2Affine, _ k: Scalar) -> G2Projective {
        if p.infinity { return .infinity }
        let p0 = p.jacobian
        let p1 = -MapToCurve.psi(p0)
        let p2 = MapToCurve.psi(MapToCurve.psi(p0))
        let p3 = -MapToCurve.psi(p2)
        return straus4([p0, p1, p2, p3], baseXDigits(k))
    }
}
