// Optimal ate pairing on BN254 (Vercauteren, "Optimal pairings"; Beuchat et al. / Aranha
// et al. for the BN instantiation):
//   e(P, Q) = ( f_{6x+2,Q}(P) · l_{[6x+2]Q, π(Q)}(P) · l_{[6x+2]Q+π(Q), −π²(Q)}(P) )^((p^12−1)/r)
// with BN parameter x = 4965661367192848881 (so p = 36x^4+36x^3+24x^2+6x+1, r = 36x^4+36x^3+18x^2+6x+1).
//
// Miller loop: T on the twist in homogeneous projective coordinates (x = X/Z, y = Y/Z).
// For ψ(T) = (x w^2, y w^3) the tangent / chord lines evaluated at P = (xP, yP), scaled by
// F_p2 factors (which the final exponentiation removes), are sparse elements a + b·w + c·w^3:
//   tangent:  a = 2YZ·yP,  b = −3X^2·xP,  c = Y^2 − 3b'Z^2
//   chord through T and affine Q2=(x2,y2), with θ = Y − y2·Z, λ = X − x2·Z:
//             a = λ·yP,    b = −θ·xP,    c = θ·x2 − λ·y2
// Point update formulas: Costello–Lange–Naehrig (PKC 2010) homogeneous doubling / mixed addition.
//
// Final exponentiation: easy part f^((p^6−1)(p^2+1)); hard part (p^4−p^2+1)/r =
//   λ3 p^3 + λ2 p^2 + λ1 p + λ0 with λ3 = 1, λ2 = 6x^2+1, λ1 = −36x^3−18x^2−12x+1,
//   λ0 = −36x^3−30x^2−18x−2, evaluated with the addition chain of Scott et al.,
//   "On the final exponentiation for calculating pairings on ordinary elliptic curves" (2009).

import FieldTower

/// BN parameter x (positive for BN254).
public let bnX: UInt64 = 4_965_661_367_192_848_881

/// Signed binary (NAF) digits of 6x+2, least significant first. Derived from x at first use.
let ateLoopNAF: [Int8] = {
    // 6x + 2 as a two-word integer.
    let (hi0, lo0) = bnX.multipliedFullWidth(by: 6)
    var lo = lo0, hi = hi0
    var c: UInt64 = 0
    lo = adc(lo, 2, &c)
    hi = hi &+ c
    var digits: [Int8] = []
    while lo != 0 || hi != 0 {
        var d: Int8 = 0
        if lo & 1 == 1 {
            d = (lo & 3) == 1 ? 1 : -1
            if d == 1 {
                lo -= 1  // lo is odd, no borrow
            } else {
                var cc: UInt64 = 0
                lo = adc(lo, 1, &cc)
                hi = hi &+ cc
            }
        }
        digits.append(d)
        lo = (lo >> 1) | (hi << 63)
        hi >>= 1
    }
    return digits
}()

@frozen
public struct G2Homogeneous {
    public var x: Fp2
    public var y: Fp2
    public var z: Fp2
}

public enum Pairing {
    /// Tangent at T: doubles T in place, returns the line coefficients (a, b, c).
    static func doubleStep(_ t: inout G2Homogeneous, _ xP: Fp, _ yP: Fp, _ b3: Fp2) -> (Fp2, Fp2, Fp2) {
        let a = (t.x * t.y).halved()
        let b = t.y.squared()
        let c = t.z.squared()
        let e = b3 * c                // 3b'Z^2
        let f = e.doubled() + e       // 9b'Z^2
        let g = (b + f).halved()
        let h = (t.y + t.z).squared() - (b + c)  // 2YZ
        let x2 = t.x.squared()
        let i = x2.doubled() + x2     // 3X^2
        let e2 = e.squared()
        t.x = a * (b - f)
        t.y = g.squared() - (e2.doubled() + e2)
        t.z = b * h
        return (h.scaled(by: yP), -(i.scaled(by: xP)), b - e)
    }

    /// Chord through T and affine Q: sets T = T + Q, returns the line coefficients.
    static func addStep(_ t: inout G2Homogeneous, _ q: G2Affine, _ xP: Fp, _ yP: Fp) -> (Fp2, Fp2, Fp2) {
        let theta = t.y - q.y * t.z
        let lambda = t.x - q.x * t.z
        let c = theta.squared()
        let d = lambda.squared()
        let e = lambda * d
        let f = t.z * c
        let g = t.x * d
        let h = e + f - g.doubled()
        let y3 = theta * (g - h) - t.y * e
        t.x = lambda * h
        t.y = y3
        t.z = t.z * e
        return (lambda.scaled(by: yP), -(theta.scaled(by: xP)), theta * q.x - lambda * q.y)
    }

    /// Product of the Miller loop values f_{6x+2,Q_i}(P_i)·(two Frobenius lines), before the
    /// final exponentiation. Points must be finite (affine) and Q_i in G2.
    public static func millerLoop(_ ps: [(x: Fp, y: Fp)], _ qs: [G2Affine]) -> Fp12 {
        let n = min(ps.count, qs.count)
        if n == 0 { return .one }
        let b3 = G2.b.doubled() + G2.b
        let naf = ateLoopNAF
        var ts = qs.map { G2Homogeneous(x: $0.x, y: $0.y, z: .one) }
        let negQs = qs.map { G2Affine(x: $0.x, y: -$0.y) }
        var f = Fp12.one
        var i = naf.count - 2
        while i >= 0 {
            f = f.squared()
            for j in 0..<n {
                let (a, b, c) = doubleStep(&ts[j], ps[j].x, ps[j].y, b3)
                f = f.mulBy013(a, b, c)
            }
            let d = naf[i]
            if d != 0 {
                for j in 0..<n {
                    let (a, b, c) = addStep(&ts[j], d > 0 ? qs[j] : negQs[j], ps[j].x, ps[j].y)
                    f = f.mulBy013(a, b, c)
                }
            }
            i -= 1
        }
        let k = frobeniusConstants
        for j in 0..<n {
            let q = qs[j]
            // π(Q) on the twist: (conj(x)·γ_{1,2}, conj(y)·γ_{1,3}).
            let q1 = G2Affine(x: q.x.conjugate() * k.g12, y: q.y.conjugate() * k.g13)
            // −π²(Q): (x·γ_{2,2}, −y·γ_{2,3}).
            let q2 = G2Affine(x: q.x * k.g22, y: -(q.y * k.g23))
            let (a1, b1, c1) = addStep(&ts[j], q1, ps[j].x, ps[j].y)
            f = f.mulBy013(a1, b1, c1)
            let (a2, b2, c2) = addStep(&ts[j], q2, ps[j].x, ps[j].y)
            f = f.mulBy013(a2, b2, c2)
        }
        return f
    }

    /// a^x for a in the cyclotomic subgroup.
    static func powX(_ a: Fp12) -> Fp12 {
        var result = a
        var bit = 63 - bnX.leadingZeroBitCount - 1
        while bit >= 0 {
            result = result.cyclotomicSquared()
            if (bnX >> UInt64(bit)) & 1 == 1 { result = result * a }
            bit -= 1
        }
        return result
    }

    public static func finalExponentiation(_ f0: Fp12) -> Fp12 {
        // Easy part: f^(p^6 - 1) then ^(p^2 + 1).
        var f = f0.conjugate() * f0.inverse()
        f = f.frobenius2() * f
        // Hard part (Scott et al.).
        let fx = powX(f)
        let fx2 = powX(fx)
        let fx3 = powX(fx2)
        let y0 = f.frobenius() * f.frobenius2() * f.frobenius3()
        let y1 = f.conjugate()
        let y2 = fx2.frobenius2()
        let y3 = fx.frobenius().conjugate()
        let y4 = (fx * fx2.frobenius()).conjugate()
        let y5 = fx2.conjugate()
        let y6 = (fx3 * fx3.frobenius()).conjugate()
        var t0 = y6.cyclotomicSquared() * y4 * y5
        var t1 = y3 * y5 * t0
        t0 = t0 * y2
        t1 = (t1.cyclotomicSquared() * t0).cyclotomicSquared()
        t0 = t1 * y1
        t1 = t1 * y0
        t0 = t0.cyclotomicSquared() * t1
        return t0
    }

    /// e(P_1,Q_1)·…·e(P_n,Q_n) == 1 ?
    public static func productIsOne(_ ps: [(x: Fp, y: Fp)], _ qs: [G2Affine]) -> Bool {
        if ps.isEmpty { return true }
        return finalExponentiation(millerLoop(ps, qs)).isOne
    }

    /// The full pairing e(P, Q) (infinity on either side gives 1).
    public static func pairing(_ p: G1Point, _ q: G2Point) -> Fp12 {
        guard let pa = p.affineCoordinates(), let qa = q.affineCoordinates() else { return .one }
        return finalExponentiation(millerLoop([(pa.x, pa.y)], [G2Affine(x: qa.x, y: qa.y)]))
    }
}
