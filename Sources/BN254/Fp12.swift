// Quadratic extension F_p12 = F_p6[w] / (w^2 - v).  Element: c0 + c1·w.
// Equivalently F_p12 = F_p2[w] / (w^6 - ξ); the F_p2 coefficient of w^i is
//   i=0: c0.c0   i=2: c0.c1   i=4: c0.c2   i=1: c1.c0   i=3: c1.c1   i=5: c1.c2
// which is what the Frobenius map below uses.

@frozen
public struct Fp12: Equatable, Sendable {
    public var c0: Fp6
    public var c1: Fp6

    public init(_ c0: Fp6, _ c1: Fp6) { self.c0 = c0; self.c1 = c1 }

    public static let one = Fp12(.one, .zero)
    public static let zero = Fp12(.zero, .zero)

    public var isOne: Bool { self == Fp12.one }

    public static func + (a: Fp12, b: Fp12) -> Fp12 { Fp12(a.c0 + b.c0, a.c1 + b.c1) }
    public static func - (a: Fp12, b: Fp12) -> Fp12 { Fp12(a.c0 - b.c0, a.c1 - b.c1) }

    public static func * (a: Fp12, b: Fp12) -> Fp12 {
        let t0 = a.c0 * b.c0
        let t1 = a.c1 * b.c1
        let r1 = (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1
        return Fp12(t0 + t1.mulByV(), r1)
    }

    /// Complex squaring: (a + bw)^2 = (a+b)(a+vb) - ab - v·ab + 2ab·w.
    public func squared() -> Fp12 {
        let ab = c0 * c1
        let r0 = (c0 + c1) * (c0 + c1.mulByV()) - ab - ab.mulByV()
        return Fp12(r0, ab.doubled())
    }

    /// Conjugation = p^6-power Frobenius; the inverse for elements of the cyclotomic subgroup.
    public func conjugate() -> Fp12 { Fp12(c0, -c1) }

    public func inverse() -> Fp12 {
        let t = (c0.squared() - c1.squared().mulByV()).inverse()
        return Fp12(c0 * t, -(c1 * t))
    }

    /// Multiplication by a sparse "line" element a + b·w + c·w^3 (a, b, c in F_p2),
    /// i.e. L0 = (a, 0, 0), L1 = (b, c, 0).
    public func mulByLine(_ a: Fp2, _ b: Fp2, _ c: Fp2) -> Fp12 {
        let t0 = c0.mul(by: a)
        let t1 = c1.mul01(b, c)
        let r1 = (c0 + c1).mul01(a + b, c) - t0 - t1
        return Fp12(t0 + t1.mulByV(), r1)
    }

    /// p-power Frobenius.
    public func frobenius() -> Fp12 {
        let k = frobeniusConstants
        return Fp12(
            Fp6(c0.c0.conjugate(), c0.c1.conjugate() * k.g12, c0.c2.conjugate() * k.g14),
            Fp6(c1.c0.conjugate() * k.g11, c1.c1.conjugate() * k.g13, c1.c2.conjugate() * k.g15))
    }

    /// p^2-power Frobenius.
    public func frobenius2() -> Fp12 {
        let k = frobeniusConstants
        return Fp12(
            Fp6(c0.c0, c0.c1 * k.g22, c0.c2 * k.g24),
            Fp6(c1.c0 * k.g21, c1.c1 * k.g23, c1.c2 * k.g25))
    }

    /// p^3-power Frobenius.
    public func frobenius3() -> Fp12 {
        let k = frobeniusConstants
        return Fp12(
            Fp6(c0.c0.conjugate(), c0.c1.conjugate() * k.g32, c0.c2.conjugate() * k.g34),
            Fp6(c1.c0.conjugate() * k.g31, c1.c1.conjugate() * k.g33, c1.c2.conjugate() * k.g35))
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
