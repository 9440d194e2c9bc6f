// The extension tower of alt_bn128 (EIP-197), built by the generic code in FieldTower:
//   F_p2 = F_p[u]/(u^2 + 1),  F_p6 = F_p2[v]/(v^3 − ξ),  F_p12 = F_p6[w]/(w^2 − v),
// with the sextic non-residue ξ = 9 + u (EIP-197 / go-ethereum bn256 convention).
// What is BN254's own: ξ, halving, and the Frobenius coefficients.

import FieldTower

public typealias Fp2 = Fp2Of<Fp>
public typealias Fp6 = Fp6Of<Fp>
public typealias Fp12 = Fp12Of<Fp>

extension Fp: TowerBaseField {
    /// (a + bu)(9 + u) = (9a − b) + (a + 9b)u.
    @inline(__always)
    public static func mulByXi(_ x: Fp2) -> Fp2 {
        let a8 = x.c0.doubled().doubled().doubled()
        let b8 = x.c1.doubled().doubled().doubled()
        return Fp2(a8 + x.c0 - x.c1, x.c0 + b8 + x.c1)
    }
}

extension Fp2Of where F == Fp {
    @inlinable @inline(__always)
    public func halved() -> Fp2 { Fp2(c0.halved(), c1.halved()) }
}

extension Fp12Of where F == Fp {
    /// p-power Frobenius.
    public func frobenius() -> Fp12 {
        let k = frobeniusConstants
        return frobenius(conjugating: true, (k.g11, k.g12, k.g13, k.g14, k.g15))
    }

    /// p^2-power Frobenius (a^(p^2) = a on F_p2, so no conjugation).
    public func frobenius2() -> Fp12 {
        let k = frobeniusConstants
        return frobenius(conjugating: false, (k.g21, k.g22, k.g23, k.g24, k.g25))
    }

    /// p^3-power Frobenius.
    public func frobenius3() -> Fp12 {
        let k = frobeniusConstants
        return frobenius(conjugating: true, (k.g31, k.g32, k.g33, k.g34, k.g35))
    }
}

/// Frobenius coefficients γ_{k,i} = ξ^(i·(p^k − 1)/6), derived at first use:
///   (w^i)^(p^k) = w^i · (w^6)^(i(p^k−1)/6) = γ_{k,i} · w^i   (6 | p−1 since p ≡ 1 mod 6).
///   γ_{1,1} = ξ^((p−1)/6) is one exponentiation;
///   γ_{2,1} = γ_{1,1}^(p+1) = conj(γ_{1,1})·γ_{1,1};  γ_{3,1} = γ_{1,1}^(p²+p+1) = γ_{2,1}·γ_{1,1}
///   (for a ∈ F_p2, a^p = conj(a) and a^(p²) = a);  γ_{k,i} = γ_{k,1}^i.
public struct FrobeniusConstants: Sendable {
    public let g11, g12, g13, g14, g15: Fp2
    public let g21, g22, g23, g24, g25: Fp2
    public let g31, g32, g33, g34, g35: Fp2

    init() {
        let xi = Fp2(Fp(9), Fp(1))
        // (p - 1) / 6 as little-endian limbs, computed by short division.
        let e = divideSmall([P0 &- 1, P1, P2, P3], by: 6)
        let g1 = xi.pow(e)
        let g2 = g1.conjugate() * g1
        let g3 = g2 * g1
        func powers(_ g: Fp2) -> (Fp2, Fp2, Fp2, Fp2, Fp2) {
            let a2 = g * g, a3 = a2 * g, a4 = a3 * g, a5 = a4 * g
            return (g, a2, a3, a4, a5)
        }
        (g11, g12, g13, g14, g15) = powers(g1)
        (g21, g22, g23, g24, g25) = powers(g2)
        (g31, g32, g33, g34, g35) = powers(g3)
    }
}

public let frobeniusConstants = FrobeniusConstants()

/// Little-endian multi-limb integer divided by a small divisor (quotient only).
func divideSmall(_ n: [UInt64], by d: UInt64) -> [UInt64] {
    var q = [UInt64](repeating: 0, count: n.count)
    var rem: UInt64 = 0
    for i in stride(from: n.count - 1, through: 0, by: -1) {
        let (qi, r) = d.dividingFullWidth((high: rem, low: n[i]))
        q[i] = qi
        rem = r
    }
    return q
}
