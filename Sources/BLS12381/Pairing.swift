// Optimal ate pairing on BLS12-381: e(P, Q) = f_{x,Q}(P)^((p¹²−1)/r) with the curve parameter
// x = −0xd201000000010000 (IETF draft-irtf-cfrg-pairing-friendly-curves, BLS12-381 section).
//
// Lines. Q lives on the M-twist E': y² = x³ + 4ξ, mapped into E(Fp12) by ψ(x, y) = (x/w², y/w³)
// (w⁶ = ξ). For T on E' and slope λ (on E'), the line through ψ(T) with slope λ/w, evaluated at
// P = (xP, yP) ∈ E(Fp) and multiplied by w³ (an element of a proper subfield, so the factor is
// erased by the final exponentiation), is
//     (λ·xT − yT) + (−λ·xP)·w² + yP·w³  =  c0 = (λxT − yT, −λxP, 0), c1 = (0, yP, 0)
// in the Fp12 = Fp6[w] basis (w² = v, w³ = v·w) — the sparse shape `Fp12.mulBy023` takes.
// T is kept in homogeneous projective coordinates with the slope's denominator cleared, which
// multiplies the line by an Fp2 factor (also erased), so no inversions are needed in the loop.
//
// Final exponentiation: easy part f^((p⁶−1)(p²+1)), then the hard part via
//     3·(p⁴ − p² + 1)/r = λ0 + λ1·p + λ2·p² + λ3·p³,
//     λ3 = (x−1)², λ2 = λ3·x, λ1 = λ2·x − λ3, λ0 = λ1·x + 3
// (Hayashida–Hayasaka–Teruya, ePrint 2020/875; identity checked with big integers). This yields
// e(P, Q)³, still a non-degenerate bilinear pairing, and equal to 1 exactly when e(P, Q) is.

import FieldTower

public enum Pairing {
    /// |x| for the BLS parameter x = −0xd201000000010000.
    static let xAbs: UInt64 = 0xd201_0000_0001_0000

    /// Miller-loop state for one (P, Q) pair.
    struct PairState {
        var tx: Fp2, ty: Fp2, tz: Fp2   // T in homogeneous projective coordinates (X/Z, Y/Z)
        let qx: Fp2, qy: Fp2
        let px: Fp, py: Fp
    }

    /// Doubling step: returns the line at T (sparse coefficients) and sets T ← 2T.
    @inline(__always)
    static func doublingStep(_ s: inout PairState) -> (Fp2, Fp2, Fp2) {
        // Affine: λ = 3x²/(2y). With x = X/Z, y = Y/Z: λ = 3X²/(2YZ).
        // Line·(2YZ): (3X²·X/Z − 2Y²)... keep everything over Z² by scaling with 2YZ·Z:
        //   b00 = λxT − yT  → (3X²·X − 2Y²·Z) / (2YZ²)
        //   b01 = −λxP     → −3X²·xP·Z / (2YZ²)
        //   b11 = yP       → yP·2YZ² / (2YZ²)
        let x = s.tx, y = s.ty, z = s.tz
        let xx = x.squared()
        let xx3 = xx.doubled() + xx
        let yy = y.squared()
        let yz = y * z
        let b00 = xx3 * x - (yy * z).doubled()
        let b01 = (xx3 * z).scaled(by: -s.px)
        let b11 = (yz * z).doubled().scaled(by: s.py)
        // Point doubling in homogeneous coordinates (a = 0):
        //   w = 3X², s = YZ, B = XYs, h = w² − 8B
        //   X' = 2hs, Y' = w(4B − h) − 8Y²s², Z' = 8s³
        let sv = yz
        let bb = x * y * sv
        let b8 = bb.doubled().doubled().doubled()
        let h = xx3.squared() - b8
        let ss = sv.squared()
        s.tx = (h * sv).doubled()
        s.ty = xx3 * (bb.doubled().doubled() - h) - (yy * ss).doubled().doubled().doubled()
        s.tz = (ss * sv).doubled().doubled().doubled()
        return (b00, b01, b11)
    }

    /// Addition step: returns the line through T and Q and sets T ← T + Q (T ≠ ±Q here).
    @inline(__always)
    static func additionStep(_ s: inout PairState) -> (Fp2, Fp2, Fp2) {
        // Affine slope λ = (yQ − y)/(xQ − x) with x = X/Z, y = Y/Z: λ = (yQ·Z − Y)/(xQ·Z − X) = n/d.
        // Line through Q (same line): (λxQ − yQ) + (−λxP)w² + yP·w³, scaled by d:
        //   b00 = n·xQ − yQ·d, b01 = −n·xP, b11 = yP·d.
        let x = s.tx, y = s.ty, z = s.tz
        let n = s.qy * z - y
        let d = s.qx * z - x
        let b00 = n * s.qx - s.qy * d
        let b01 = n.scaled(by: -s.px)
        let b11 = d.scaled(by: s.py)
        // Mixed addition in homogeneous coordinates (add-1998-cmo-2 with Z2 = 1):
        //   u = n, v = d, A = u²Z − v³ − 2v²X, X3 = vA, Y3 = u(v²X − A) − v³Y, Z3 = v³Z
        let vv = d.squared()
        let vvv = vv * d
        let vvx = vv * x
        let a = n.squared() * z - vvv - vvx.doubled()
        s.tx = d * a
        s.ty = n * (vvx - a) - vvv * y
        s.tz = vvv * z
        return (b00, b01, b11)
    }

    /// The product of f_{x,Q}(P) over all pairs (pairs with an identity point contribute 1).
    public static func millerLoop(_ pairs: [(G1Affine, G2Affine)]) -> Fp12 {
        var states: [PairState] = []
        states.reserveCapacity(pairs.count)
        for (p, q) in pairs where !p.infinity && !q.infinity {
            states.append(PairState(tx: q.x, ty: q.y, tz: .one, qx: q.x, qy: q.y, px: p.x, py: p.y))
        }
        if states.isEmpty { return .one }
        var f = Fp12.one
        var bit = 62  // the top bit (63) of |x| is the initial T = Q
        while bit >= 0 {
            f = f.squared()
            for i in states.indices {
                let (a, b, c) = doublingStep(&states[i])
                f = f.mulBy023(a, b, c)
            }
            if (xAbs >> UInt64(bit)) & 1 == 1 {
                for i in states.indices {
                    let (a, b, c) = additionStep(&states[i])
                    f = f.mulBy023(a, b, c)
                }
            }
            bit -= 1
        }
        // x < 0: f_{x,Q} = 1/f_{|x|,Q} up to factors the final exponentiation removes; after the
        // final exponentiation the inverse is the conjugate.
        return f.conjugate()
    }

    /// f^|x| on the cyclotomic subgroup, then conjugated (= inverted) because x < 0.
    static func expByX(_ f: Fp12) -> Fp12 {
        var r = f
        var bit = 62
        while bit >= 0 {
            r = r.cyclotomicSquared()
            if (xAbs >> UInt64(bit)) & 1 == 1 { r = r * f }
            bit -= 1
        }
        return r.conjugate()
    }

    public static func finalExponentiation(_ f: Fp12) -> Fp12 {
        // Easy part: f^(p⁶ − 1) then ^(p² + 1); the result is in the cyclotomic subgroup.
        var t = f.conjugate() * f.inverse()
        t = t.frobenius(2) * t
        // Hard part (see the header).
        var a = expByX(t) * t.conjugate()        // t^(x−1)
        a = expByX(a) * a.conjugate()            // t^λ3
        let b = expByX(a)                        // t^λ2
        let c = expByX(b) * a.conjugate()        // t^λ1
        let d = expByX(c) * t.cyclotomicSquared() * t  // t^λ0
        return d * c.frobenius() * b.frobenius(2) * a.frobenius(3)
    }

    /// e(P, Q) (cubed; see the header).
    public static func pairing(_ p: G1Affine, _ q: G2Affine) -> Fp12 {
        return finalExponentiation(millerLoop([(p, q)]))
    }

    /// ∏ e(Pi, Qi) == 1, with one shared Miller loop and one final exponentiation.
    public static func productIsOne(_ pairs: [(G1Affine, G2Affine)]) -> Bool {
        return finalExponentiation(millerLoop(pairs)).isOne
    }
}
