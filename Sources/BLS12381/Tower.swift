// The extension tower of BLS12-381, built by the generic code in FieldTower:
//   Fp2 = Fp[u]/(u² + 1),  Fp6 = Fp2[v]/(v³ − ξ),  Fp12 = Fp6[w]/(w² − v),  ξ = 1 + u
// (IETF draft-irtf-cfrg-pairing-friendly-curves, BLS12-381 section). What is BLS12-381's own:
// ξ, the Fp2 square root and sign used by point compression, and the Frobenius coefficients.

import FieldTower

public typealias Fp2 = Fp2Of<Fp>
public typealias Fp6 = Fp6Of<Fp>
public typealias Fp12 = Fp12Of<Fp>

extension Fp: TowerBaseField {
    /// (c0 + c1u)(1 + u) = (c0 − c1) + (c0 + c1)u.
    @inline(__always)
    public static func mulByXi(_ a: Fp2) -> Fp2 { Fp2(a.c0 - a.c1, a.c0 + a.c1) }
}

extension Fp2Of where F == Fp {
    /// A square root if one exists. Algorithm 9 of Adj and Rodríguez-Henríquez, "Square root
    /// computation over even extension fields" (p ≡ 3 mod 4), followed by an explicit check.
    public func sqrt() -> Fp2? {
        if isZero { return .zero }
        let a1 = pow(Fp.expPMinus3Div4)
        let alpha = a1.squared() * self
        let x0 = a1 * self
        let candidate: Fp2
        if alpha == -Fp2.one {
            // x = u · x0
            candidate = Fp2(-x0.c1, x0.c0)
        } else {
            let b = (Fp2.one + alpha).pow(Fp.expPMinus1Div2)
            candidate = b * x0
        }
        return candidate.squared() == self ? candidate : nil
    }

    /// ZCash serialisation sign: compare c1 unless it is zero, then c0.
    public var isLexicographicallyLargest: Bool {
        if !c1.isZero { return c1.isLexicographicallyLargest }
        return c0.isLexicographicallyLargest
    }
}

extension Fp12Of where F == Fp {
    /// p-power Frobenius: the coefficient of w^i is conjugated and scaled by γ_i = ξ^(i(p−1)/6).
    public func frobenius() -> Fp12 {
        frobenius(conjugating: true, Frobenius.gammas)
    }

    public func frobenius(_ n: Int) -> Fp12 {
        var r = self
        for _ in 0..<n { r = r.frobenius() }
        return r
    }
}

/// Frobenius coefficients γ_i = ξ^(i(p−1)/6) ∈ Fp2, i = 1…5, computed once from ξ = 1 + u.
enum Frobenius {
    static let gammas: (Fp2, Fp2, Fp2, Fp2, Fp2) = {
        let g1 = Fp2(.one, .one).pow(Fp.expPMinus1Div6)
        let g2 = g1.squared(), g3 = g2 * g1, g4 = g2.squared(), g5 = g4 * g1
        return (g1, g2, g3, g4, g5)
    }()
}
